package dev.vireo.web.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.vm.VmView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class VmPageTest {

    private static VmView vm(String name, String host) {
        return new VmView(name, "u-" + name, "shutoff", null, new VmView.Memory(512, 512),
                new VmView.CpuInfo(1, 1, null), new VmView.Graphics(null, null, null, null), List.of(), List.of(), List.of("hd"),
                false, null, null, false, true, null, null, host, null);
    }

    private static final List<VmView> VMS = List.of(vm("a", "cell-2"), vm("b", "local"), vm("c", "cell-10"),
            vm("d", "local"));

    @Test
    void theHostFilterKeepsTheVmsOfThatHostOnly() {
        Map<String, FilterMeta> filter = Map.of("host", FilterMeta.builder().field("host").filterValue("local").build());
        assertThat(VmPage.filter(VMS, filter)).extracting(VmView::name).containsExactly("b", "d");
        Map<String, FilterMeta> none = Map.of("host", FilterMeta.builder().field("host").filterValue("cell").build());
        assertThat(VmPage.filter(VMS, none)).as("a host is chosen whole, not by part of its name").isEmpty();
    }

    @Test
    void theTableSortsByHost() {
        Map<String, SortMeta> sort = Map.of("host", SortMeta.builder().field("host").order(SortOrder.DESCENDING).build());
        assertThat(VmPage.page(VMS, 0, 10, sort)).extracting(VmView::host)
                .containsExactly("local", "local", "cell-2", "cell-10");
    }
}
