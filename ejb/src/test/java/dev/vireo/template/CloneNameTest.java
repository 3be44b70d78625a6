package dev.vireo.template;

import dev.vireo.validation.CloneNames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's clone names: {@code <name>-cloneN}, N one more than the highest taken. */
class CloneNameTest {

    @Test
    void firstCloneIsCloneOne() {
        assertThat(CloneNames.next("f", List.of("f"))).isEqualTo("f-clone1");
    }

    @Test
    void nextCloneFollowsTheHighestNumberTakenNotTheFirstGap() {
        assertThat(CloneNames.next("f", List.of("f", "f-clone1", "f-clone3"))).isEqualTo("f-clone4");
    }

    @Test
    void clonesOfACloneCountSeparately() {
        assertThat(CloneNames.next("f-clone1", List.of("f", "f-clone1", "f-clone2")))
                .isEqualTo("f-clone1-clone1");
    }

    @Test
    void namesThatAreNotClonesOfTheTemplateAreIgnored() {
        List<String> taken = List.of("f", "g-clone9", "f-clone", "f-clonex", "ff-clone5", "f-clone2-x", "xf-clone8");

        assertThat(CloneNames.next("f", taken)).isEqualTo("f-clone1");
    }

    @Test
    void regexMetacharactersInTheNameAreTakenLiterally() {
        assertThat(CloneNames.next("a.b", List.of("a.b", "aXb-clone7"))).isEqualTo("a.b-clone1");
    }

    @Test
    void regexMetacharactersInTheNameStillFindItsOwnClones() {
        assertThat(CloneNames.next("a.b", List.of("a.b", "a.b-clone2", "aXb-clone7")))
                .isEqualTo("a.b-clone3");
    }

    @Test
    void aNumberTooLongToBeACloneCountIsSomebodysOwnName() {
        assertThat(CloneNames.next("f", List.of("f", "f-clone99999999999", "f-clone2")))
                .isEqualTo("f-clone3");
    }
}
