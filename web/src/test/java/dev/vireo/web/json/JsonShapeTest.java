package dev.vireo.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.VireoException;
import dev.vireo.security.PasswordChange;
import dev.vireo.storage.PoolRequest;
import dev.vireo.template.TemplateRequest;
import dev.vireo.vm.VmUpdateRequest;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;

class JsonShapeTest {

    private static VireoException refusal(String json, Type type) {
        return catchThrowableOfType(VireoException.class, () -> JsonShape.check(parse(json), type));
    }

    private static JsonValue parse(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }

    @Test
    void aNumberOrBooleanWhereTextBelongsIsRefusedNamingTheField() {
        VireoException number = refusal("{\"name\": 0}", TemplateRequest.class);
        VireoException bool = refusal("{\"name\": true}", TemplateRequest.class);

        assertThat(number.code()).isEqualTo("API0002E");
        assertThat(number.reason()).isEqualTo("Invalid value for name: expected a text, got a whole number");
        assertThat(bool.reason()).isEqualTo("Invalid value for name: expected a text, got a boolean");
    }

    @Test
    void nestedFieldsAndListElementsAreNamedByTheirPlace() {
        assertThat(refusal("{\"disks\": [{\"pool\": {\"name\": 7}}]}", TemplateRequest.class).reason())
                .contains("disks[0].pool.name");
        assertThat(refusal("{\"source\": {\"auth\": {\"password\": 9223372036854775808}}}", PoolRequest.class).reason())
                .isEqualTo("Invalid value for source.auth.password: expected a text, got a whole number");
        assertThat(refusal("{\"networks\": \"default\"}", TemplateRequest.class).reason())
                .isEqualTo("Invalid value for networks: expected a list, got a text");
    }

    @Test
    void numbersOutOfTheirRangeAreRefusedNotWrapped() {
        VireoException memory = refusal("{\"memory\": {\"current\": 2147483648}}", TemplateRequest.class);
        VireoException fraction = refusal("{\"memory\": {\"current\": 1.5}}", TemplateRequest.class);
        VireoException text = refusal("{\"memory\": {\"current\": \"512\"}}", TemplateRequest.class);

        assertThat(memory.code()).isEqualTo("API0002E");
        assertThat(memory.reason()).contains("memory.current").contains("out of range");
        assertThat(fraction.reason()).contains("memory.current").contains("whole number");
        assertThat(text.reason()).isEqualTo("Invalid value for memory.current: expected a whole number, got a text");
    }

    @Test
    void stringsLongerThanTheirFieldsMaximumAreRefused() {
        VireoException name = refusal("{\"name\": \"" + "a".repeat(129) + "\"}", TemplateRequest.class);
        VireoException description = refusal("{\"description\": \"" + "a".repeat(4097) + "\"}", VmUpdateRequest.class);

        assertThat(name.code()).isEqualTo("API0011E");
        assertThat(name.reason()).isEqualTo("name is too long: at most 128 characters");
        assertThat(description.reason()).isEqualTo("description is too long: at most 4096 characters");
        assertThatNoException().isThrownBy(() -> JsonShape.check(parse("{\"description\": \"" + "a".repeat(4096) + "\"}"),
                VmUpdateRequest.class));
    }

    @Test
    void propertiesAreMatchedByTheirJsonNames() {
        // @JsonbProperty("new"), @JsonbProperty("passwdValidTo") and the snake_case strategy (from_vg)
        assertThat(refusal("{\"new\": 5}", PasswordChange.class).reason()).contains("new");
        assertThat(refusal("{\"graphics\": {\"passwdValidTo\": \"soon\"}}", VmUpdateRequest.class).reason())
                .contains("graphics.passwdValidTo");
        assertThat(refusal("{\"source\": {\"from_vg\": \"yes\"}}", PoolRequest.class).reason())
                .isEqualTo("Invalid value for source.from_vg: expected true or false, got a text");
    }

    @Test
    void wellTypedBodiesNullsAndUnknownFieldsPass() {
        // unknown fields are JSON-B's to refuse, with their own message
        assertThatNoException().isThrownBy(() -> JsonShape.check(parse("{\"name\": \"web\", \"memory\": {\"current\": 512,"
                + " \"maxmemory\": null}, \"networks\": [\"default\"], \"whatever\": 1}"), TemplateRequest.class));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThat(refusal("[1, 2]", TemplateRequest.class).reason())
                .isEqualTo("Invalid value for the request body: expected an object, got a list");
    }
}
