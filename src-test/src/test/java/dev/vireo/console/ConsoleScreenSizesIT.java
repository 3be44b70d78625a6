package dev.vireo.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.TestAccounts;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Every console page at common small screen sizes (a small laptop, a phone): the page itself never
 * scrolls sideways (wide tables scroll inside their own box). Screenshots small-&lt;page&gt;.png
 * (phone) and small-&lt;page&gt;-1024.png in target/console-screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleScreenSizesIT {

    /** Each page and the heading it shows once loaded. */
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("index", "Dashboard");
        PAGES.put("vms", "Virtual machines");
        PAGES.put("domains", "Domains");
        PAGES.put("vm", "Virtual machine test");
        PAGES.put("templates", "Templates");
        PAGES.put("storage", "Storage");
        PAGES.put("networks", "Networks");
        PAGES.put("vmpools", "VM pools");
        PAGES.put("clusters", "Clusters");
        PAGES.put("tasks", "Tasks");
        PAGES.put("users", "Users");
        PAGES.put("audit", "Audit log");
        PAGES.put("account", "My account");
    }

    @Deployment(testable = false)
    @TargetsContainer("vireo")
    static EnterpriseArchive deployment() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vireo.it.ear")));
    }

    @Test
    void everyPageFitsTheWidthOfASmallLaptopAndOfAPhone() {
        List<String> overflowing = new ArrayList<>();
        try (Browser browser = Browser.open(ConsoleIT.BASE)) {
            for (Dimension size : List.of(new Dimension(1024, 768), new Dimension(390, 844))) {
                String suffix = size.getWidth() == 1024 ? "-1024" : "";
                browser.driver.manage().window().setSize(size);
                browser.go("/console/login.xhtml");
                browser.await(By.id("login:user"));
                overflowing.addAll(overflow(browser, "login", size));
                browser.screenshot("small-login" + suffix);
                browser.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
                browser.awaitText(By.tagName("h1"), "Dashboard");
                for (Map.Entry<String, String> page : PAGES.entrySet()) {
                    browser.go("/console/" + page.getKey() + ".xhtml" + (page.getKey().equals("vm") ? "?name=test" : ""));
                    browser.awaitText(By.tagName("h1"), page.getValue());
                    overflowing.addAll(overflow(browser, page.getKey(), size));
                    browser.screenshot("small-" + page.getKey() + suffix);
                }
                browser.click("menu:sign-out");
                browser.awaitText(By.tagName("body"), "You signed out.");
            }
        }
        assertThat(overflowing).as("pages wider than the window").isEmpty();
    }

    /**
     * Empty when the page is no wider than the window; else the page, the size and the widest
     * elements that stick out (to say what to fix).
     */
    private static List<String> overflow(Browser browser, String page, Dimension size) {
        Object found = browser.script("if (document.documentElement.scrollWidth <= window.innerWidth) { return null; }"
                + "const out = [];"
                // what scrolls or is clipped inside its own box does not widen the page
                + "const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {"
                + "  if (getComputedStyle(a).overflowX !== 'visible') { return true; } } return false; };"
                + "for (const e of document.querySelectorAll('body *')) {"
                + "  const r = e.getBoundingClientRect();"
                + "  if (r.right > window.innerWidth + 1 && r.width > 0 && !clipped(e)) {"
                + "    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + String(e.className).split(' ').join('.')"
                + "      + ' right=' + Math.round(r.right)); } }"
                + "return document.documentElement.scrollWidth + ' > ' + window.innerWidth + ': ' + out.slice(0, 6).join(', ');");
        return found == null ? List.of() : List.of(page + " at " + size.getWidth() + "x" + size.getHeight() + ": " + found);
    }
}
