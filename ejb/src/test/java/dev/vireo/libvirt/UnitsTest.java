package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest(name = "1 {0} = {1} bytes")
    @CsvSource({
            "b,     1",
            "bytes, 1",
            "KB,    1000",
            "k,     1024",
            "KiB,   1024",
            "MB,    1000000",
            "M,     1048576",
            "MiB,   1048576",
            "GB,    1000000000",
            "G,     1073741824",
            "GiB,   1073741824",
            "TB,    1000000000000",
            "T,     1099511627776",
            "TiB,   1099511627776",
            "PB,    1000000000000000",
            "P,     1125899906842624",
            "PiB,   1125899906842624",
            "EB,    1000000000000000000",
            "E,     1152921504606846976",
            "EiB,   1152921504606846976"})
    void knowsEveryLibvirtUnit(String unit, long bytes) {
        assertThat(Units.toBytes(1, unit, "KiB")).isEqualTo(bytes);
    }

    @Test
    void multipliesTheValue() {
        assertThat(Units.toBytes(4096, "MiB", "KiB")).isEqualTo(4L * Units.GIB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kib", "KIB", "KiB", "kiB"})
    void unitsAreCaseInsensitive(String unit) {
        assertThat(Units.toBytes(2, unit, "b")).isEqualTo(2048);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aMissingUnitMeansTheDefaultUnit(String unit) {
        assertThat(Units.toBytes(8, unit, "KiB")).isEqualTo(8 * 1024);
        assertThat(Units.toBytes(8, unit, "bytes")).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KiBB", "kilobytes", "ZiB", "Y", "%"})
    void refusesAnUnknownUnit(String unit) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Units.toBytes(1, unit, "KiB"))
                .withMessageContaining("'" + unit + "'");
    }

    @Test
    void refusesAnUnknownDefaultUnitWhenNoUnitIsGiven() {
        assertThatIllegalArgumentException().isThrownBy(() -> Units.toBytes(1, null, "furlongs"));
    }

    @Test
    void theLargestValueThatFitsIsConverted() {
        assertThat(Units.toBytes(7, "EiB", "KiB")).isEqualTo(7L << 60);
        assertThat(Units.toBytes(Long.MAX_VALUE / 1024, "KiB", "KiB")).isEqualTo(Long.MAX_VALUE / 1024 * 1024);
    }

    @Test
    void refusesAValueWhoseBytesOverflowALong() {
        assertThatExceptionOfType(ArithmeticException.class)
                .isThrownBy(() -> Units.toBytes(Long.MAX_VALUE / 1024 + 1, "KiB", "KiB"));
        assertThatExceptionOfType(ArithmeticException.class)
                .isThrownBy(() -> Units.toBytes(8, "EiB", "KiB"));
    }
}
