package dev.vireo.web.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

public class JsonFragmentsTest {

    public record Vm(String name, Double cpuUtilization, List<String> users) {
    }

    private final JsonFragments fragments = new JsonFragments();

    private String write(List<?> values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fragments.array(values).write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesWhatTheConfiguredJsonbWritesForTheWholeList() throws IOException {
        List<Vm> vms = List.of(new Vm("a", 1.5, List.of("alice")), new Vm("b", null, List.of()));
        assertThat(write(vms)).isEqualTo(JsonConfig.jsonb().toJson(vms))
                .contains("\"cpu_utilization\":1.5").contains("\"cpu_utilization\":null");
        assertThat(write(List.of())).isEqualTo("[]");
    }

    @Test
    void theSameValueIsWrittenOnceAndAnyOtherAgain() {
        Vm vm = new Vm("a", 1.0, List.of());
        byte[] first = fragments.bytes(vm);
        assertThat(fragments.bytes(vm)).isSameAs(first);
        assertThat(fragments.bytes(new Vm("a", 1.0, List.of()))).isNotSameAs(first).isEqualTo(first);
        assertThat(new String(fragments.bytes(new Vm("a", 2.0, List.of())), StandardCharsets.UTF_8))
                .contains("\"cpu_utilization\":2.0");
    }
}
