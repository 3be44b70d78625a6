package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reports of LVM 2.03 ({@code --reportformat json}). */
class LvmParserTest {

    @Test
    void readsVolumeGroupsWithSizesInBytes() {
        String vgs = """
                  {
                      "report": [
                          {
                              "vg": [
                                  {"vg_name":"vg0", "vg_size":"429496729600", "vg_free":"311385128960"},
                                  {"vg_name":"data", "vg_size":"1000200994816B", "vg_free":"0B"}
                              ]
                          }
                      ]
                  }
                """;

        assertThat(LvmParser.vgs(vgs)).containsExactly(new LvmParser.Vg("vg0", 429496729600L, 311385128960L),
                new LvmParser.Vg("data", 1000200994816L, 0L));
    }

    @Test
    void readsPhysicalAndLogicalVolumesWithTheirGroups() {
        String pvs = """
                {"report": [{"pv": [{"pv_name":"/dev/sda3", "vg_name":"vg0"}, {"pv_name":"/dev/sda6", "vg_name":""}]}]}
                """;
        String lvs = """
                {"report": [{"lv": [{"lv_name":"root", "vg_name":"vg0"}, {"lv_name":"spare", "vg_name":"vg0"}]}]}
                """;

        assertThat(LvmParser.pvs(pvs)).containsExactly(new LvmParser.Member("/dev/sda3", "vg0"),
                new LvmParser.Member("/dev/sda6", ""));
        assertThat(LvmParser.lvs(lvs)).containsExactly(new LvmParser.Member("root", "vg0"),
                new LvmParser.Member("spare", "vg0"));
    }

    @Test
    void anEmptyReportHasNoRows() {
        assertThat(LvmParser.vgs("{\"report\": [{\"vg\": []}]}")).isEmpty();
        assertThat(LvmParser.pvs("{\"report\": []}")).isEmpty();
    }
}
