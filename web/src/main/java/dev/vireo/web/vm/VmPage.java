package dev.vireo.web.vm;

import dev.vireo.vm.VmView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** One page of the VM table: filtering, sorting and paging of the VMs the service lists (its cache, no libvirt round trip). */
final class VmPage {

    private VmPage() {
    }

    static List<VmView> filter(List<VmView> vms, Map<String, FilterMeta> filterBy) {
        Predicate<VmView> keep = vm -> true;
        for (FilterMeta filter : filterBy.values()) {
            Object value = filter.getFilterValue();
            if (value == null || value.toString().isBlank()) {
                continue;
            }
            String wanted = value.toString().toLowerCase(Locale.ROOT);
            keep = keep.and(switch (filter.getField()) {
                case "state" -> vm -> vm.state().equals(wanted);
                case "host" -> vm -> vm.host() != null && vm.host().toLowerCase(Locale.ROOT).equals(wanted);
                case "name" -> vm -> vm.name().toLowerCase(Locale.ROOT).contains(wanted);
                // the global search: name, title, description or an owner
                default -> vm -> contains(vm.name(), wanted) || contains(vm.title(), wanted)
                        || contains(vm.description(), wanted) || vm.users().stream().anyMatch(u -> contains(u, wanted));
            });
        }
        return vms.stream().filter(keep).toList();
    }

    static List<VmView> page(List<VmView> vms, int first, int size, Map<String, SortMeta> sortBy) {
        Comparator<VmView> order = null;
        for (SortMeta sort : sortBy.values()) {
            if (sort.getOrder() == SortOrder.UNSORTED) {
                continue;
            }
            Comparator<VmView> by = switch (sort.getField()) {
                case "state" -> Comparator.comparing(VmView::state);
                case "host" -> Comparator.comparing(VmView::host, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "memory" -> Comparator.comparingLong(vm -> vm.memory().current());
                case "vcpus" -> Comparator.comparingInt(vm -> vm.cpuInfo().vcpus());
                case "cpu" -> Comparator.comparingDouble(vm -> vm.stats() == null ? 0 : vm.stats().cpuUtilization());
                default -> Comparator.comparing(VmView::name);
            };
            by = sort.getOrder() == SortOrder.DESCENDING ? by.reversed() : by;
            order = order == null ? by : order.thenComparing(by);
        }
        List<VmView> sorted = order == null ? vms : vms.stream().sorted(order).toList();
        // a copy, not a view of the whole list: the table keeps the page in the HTTP session, which the clustered
        // server replicates (a subList does not serialize)
        return new ArrayList<>(sorted.subList(Math.min(first, sorted.size()), Math.min(first + size, sorted.size())));
    }

    /** Whether a lifecycle action fits a VM in a state (as DomainAction checks it): the console disables the others. */
    static boolean fits(String action, String state) {
        return switch (action) {
            case "start" -> state.equals("shutoff") || state.equals("crashed") || state.equals("nostate");
            case "poweroff" -> !state.equals("shutoff") && !state.equals("nostate");
            case "shutdown", "reboot", "suspend" -> state.equals("running") || state.equals("blocked");
            case "resume" -> state.equals("paused");
            case "clone" -> state.equals("shutoff");
            default -> true;
        };
    }

    private static boolean contains(String text, String wanted) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(wanted);
    }
}
