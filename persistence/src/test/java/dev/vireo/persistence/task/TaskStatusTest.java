package dev.vireo.persistence.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskStatusTest {

    @Test
    void apiNamesAreTheKimchiNames() {
        assertThat(TaskStatus.values())
                .extracting(TaskStatus::apiName)
                .containsExactly("running", "finished", "failed");
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void fromApiNameRoundTrips(TaskStatus status) {
        assertThat(TaskStatus.fromApiName(status.apiName())).isSameAs(status);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"done", "RUNNING", "Finished", " failed", "cancelled"})
    void fromApiNameRefusesAnythingElse(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskStatus.fromApiName(name));
    }
}
