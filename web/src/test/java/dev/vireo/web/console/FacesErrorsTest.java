package dev.vireo.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import org.junit.jupiter.api.Test;

class FacesErrorsTest {

    @Test
    void aFailureGoesNextToTheFieldItIsAbout() {
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.INVALID_MEMORY, "too much"))).contains("memory");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.INVALID_CPU, "odd"))).contains("cpu_info");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.VM_EXISTS, "web-1"))).contains("name");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.USER_EXISTS, "ann"))).contains("name");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.VMPOOL_EXISTS, "ci"))).contains("name");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.VMPOOL_TEMPLATE_NOT_FOUND, "gold"))).contains("template");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.WEAK_PASSWORD, "short"))).contains("password");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.WRONG_PASSWORD, "ann"))).contains("old");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.INVALID_VALUE, "bootorder", "x"))).contains("bootorder");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.MISSING_FIELD, "template"))).contains("template");
    }

    @Test
    void deviceAndVolumeRefusalsNameTheirFieldFirst() {
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NIC_INVALID, "mac 'x' is not a MAC address"))).contains("mac");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.STORAGE_INVALID, "pool p does not exist"))).contains("pool");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.VOLUME_INVALID, "capacity is a size in bytes")))
                .contains("capacity");
    }

    @Test
    void aNetworkOrPoolRefusalGoesNextToTheFieldItNames() {
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NETWORK_INVALID, "subnet 10.0.0.0/24 overlaps x")))
                .contains("subnet");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NETWORK_INVALID, "vlan_id must lie between 1 and 4094, not 0")))
                .contains("vlan_id");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NETWORK_INVALID, "a macvtap network takes one interface, not 2")))
                .contains("interfaces");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NETWORK_INVALID, "connection must be one of [nat]")))
                .isEmpty();
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NETWORK_INTERFACE_UNKNOWN, "eth9"))).contains("interfaces");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NETWORK_EXISTS, "n"))).contains("name");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.VOLUME_EXISTS, "p", "v"))).contains("name");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.POOL_NOT_LOGICAL, "p", "dir"))).contains("disks");
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.NETWORK_ACTIVE, "n"))).isEmpty();
    }

    @Test
    void otherFailuresAreForTheWholePage() {
        assertThat(FacesErrors.fieldOf(new VireoException(ErrorCode.VM_NOT_FOUND, "web-1"))).isEmpty();
    }
}
