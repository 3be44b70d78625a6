package dev.vireo.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through chromedriver, pointed at the console of the server under test. */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A new browser, or the test is skipped with the reason when Chromium cannot run here (never silently). */
    static Browser open(String base) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is missing (Debian package chromium)");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "skipped: " + CHROMEDRIVER + " is missing (Debian package chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException cannotStart) {
            Assumptions.abort("skipped: Chromium cannot run in this environment: " + cannotStart.getMessage());
            throw cannotStart;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, base);
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        // while a page loads, the element found may belong to the page going away: Chromium then
        // answers a stale reference or "Node … does not belong to the document"; look it up again
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void type(String id, String text) {
        WebElement field = await(By.id(id));
        // select what is there and type over it (PrimeFaces' number fields ignore clear())
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    void click(By by) {
        // a live table may redraw between finding a button and clicking it: find it again then
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    void click(String id) {
        click(By.id(id));
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The page's text: what a person reads. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void signIn(String user, String password) {
        go("/console/login.xhtml");
        type("login:user", user);
        type("login:password", password);
        click("login:sign-in");
    }

    /** Saves what the browser shows, for a person to look at. */
    void screenshot(String name) {
        try {
            Path directory = Path.of(System.getProperty("vireo.it.screenshots", "target/console-screenshots"));
            Files.createDirectories(directory);
            File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the screenshot " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Waits until no jQuery animation runs (a PrimeFaces panel opening moves what lies in it). */
    void awaitStill() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                script("return typeof jQuery === 'undefined' || jQuery(':animated').length === 0;")));
    }

    void awaitInvisible(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }
}
