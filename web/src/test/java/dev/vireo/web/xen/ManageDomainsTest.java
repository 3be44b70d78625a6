package dev.vireo.web.xen;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class ManageDomainsTest {

    @Test
    void memoryReadsInWholeMibOrGibWhereLibvirtsKibComeOutEven() {
        assertThat(ManageDomains.withUnit(memory("65536", "KiB"))).isEqualTo("64 MiB");
        assertThat(ManageDomains.withUnit(memory("8388608", "KiB"))).isEqualTo("8 GiB");
        assertThat(ManageDomains.withUnit(memory("1000", "KiB"))).isEqualTo("1000 KiB");
        assertThat(ManageDomains.withUnit(memory("2", "GiB"))).isEqualTo("2 GiB");
        assertThat(ManageDomains.withUnit(Json.createValue("131072"))).isEqualTo("128 MiB");
        assertThat(ManageDomains.withUnit(null)).isEmpty();
    }

    private static jakarta.json.JsonObject memory(String amount, String unit) {
        return Json.createObjectBuilder().add("#text", amount).add("@unit", unit).build();
    }
}
