package io.teeio.platform.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.vmm.BindPath;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioParserTest {
    private static Scenario parse(String text) throws ScenarioParseException {
        return ScenarioParser.parse("t.tsc", text);
    }

    @Test
    void setupLinesConfigureTheMachineAndTheCvms() throws Exception {
        Scenario s = parse("""
                # a comment
                vfs 8
                seed 0x2a
                region-policy dynamic-on-bind
                bound-device-policy implicit-unbind
                bind-path iommufd-vdevice
                exclusive-ranges on
                faults doe-busy@2,response-not-ready%0.5
                tamper report
                tamper measurements
                cvm A on vf 3
                cvm B on vf 8
                connect
                """);
        Setup u = s.setup();
        assertEquals(8, u.vfs());
        assertEquals(42, u.seed());
        assertEquals(RegionPolicy.DYNAMIC_ON_BIND, u.policies().regions());
        assertEquals(BoundDevicePolicy.IMPLICIT_UNBIND, u.policies().whileBound());
        assertEquals(BindPath.IOMMUFD_VDEVICE, u.bindPath());
        assertTrue(u.exclusiveRanges());
        assertEquals("doe-busy@2,response-not-ready%0.5", u.faults());
        assertEquals(Set.of(Tamper.REPORT, Tamper.MEASUREMENTS), u.tampers());
        assertEquals(List.of(new CvmDeclaration("A", 3, 11), new CvmDeclaration("B", 8, 12)), u.cvms());
    }

    @Test
    void withoutSetupLinesTheMachineIsTheDefaultOne() throws Exception {
        Setup u = parse("connect\n").setup();
        assertEquals(Setup.DEFAULT_VFS, u.vfs());
        assertEquals(Setup.DEFAULT_SEED, u.seed());
        assertEquals(RegionPolicy.EXCLUSIVE_AT_OPEN, u.policies().regions());
        assertEquals(BoundDevicePolicy.BLOCK_WHILE_BOUND, u.policies().whileBound());
        assertEquals(BindPath.VFIO_IOCTL, u.bindPath());
        assertTrue(u.exclusiveRanges());
        assertEquals("", u.faults());
        assertTrue(u.tampers().isEmpty());
        assertTrue(u.cvms().isEmpty());
    }

    @Test
    void vmmsDoNotAskForExclusiveRangesFromAKernelWithoutTheOptionUnlessTold() throws Exception {
        assertFalse(parse("region-policy dynamic-on-bind\nconnect\n").setup().exclusiveRanges());
        assertTrue(parse("region-policy dynamic-on-bind\nexclusive-ranges on\nconnect\n").setup().exclusiveRanges());
        assertFalse(parse("exclusive-ranges off\nconnect\n").setup().exclusiveRanges());
    }

    @Test
    void actionsKeepTheirLineNumbersAndExpectations() throws Exception {
        Scenario s = parse("""
                cvm A on vf 1

                connect                  # trailing comment
                host-mmio dev-mem => refused
                reset => EBUSY, state RUN
                accept => state RUN
                config-write command 0x6 => error
                use A
                """);
        List<Step> steps = s.steps();
        assertEquals(6, steps.size());
        assertEquals(new Step(3, Action.Simple.CONNECT, Optional.empty()), steps.get(0));
        assertEquals(new Step(4, new Action.HostMmio(HostPath.DEV_MEM), Optional.of(new Expectation(
                Optional.of(new Expectation.Refused()), Optional.empty()))), steps.get(1));
        assertEquals(new Expectation(Optional.of(new Expectation.Failed(Errno.EBUSY)), Optional.of(TdiState.RUN)),
                steps.get(2).expectation().orElseThrow());
        assertEquals(new Expectation(Optional.empty(), Optional.of(TdiState.RUN)),
                steps.get(3).expectation().orElseThrow());
        assertEquals(new Action.ConfigWrite("command", 4, 2, 6), steps.get(4).action());
        assertEquals(new Action.Use("A"), steps.get(5).action());
        assertEquals(4, s.expectationCount());
    }

    @Test
    void aStepPrintsBackAsTheLanguageWritesIt() throws Exception {
        Step step = parse("cvm A on vf 1\nreset   =>   EBUSY ,  state RUN\n").steps().get(0);
        assertEquals("reset => EBUSY, state RUN", step.text());
    }

    @Test
    void aParseErrorNamesTheFileAndTheLine() {
        ScenarioParseException e = assertThrows(ScenarioParseException.class, () -> parse("connect\n\nfly\n"));
        assertEquals("t.tsc", e.source());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("t.tsc:3: unknown action 'fly'"), e.getMessage());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("two arrows", "cvm A on vf 1\nbind => ok => ok\n", 2, "more than one '=>'"),
                Arguments.of("nothing before the arrow", "connect\n=> ok\n", 2, "nothing before '=>'"),
                Arguments.of("nothing after the arrow", "connect =>\n", 1, "nothing after '=>'"),
                Arguments.of("setup after an action", "connect\nseed 2\n", 2,
                        "'seed' is a setup line; setup lines come before the first action (line 1)"),
                Arguments.of("setup with an expectation", "seed 2 => ok\nconnect\n", 1,
                        "setup lines take no expectation"),
                Arguments.of("setup given twice", "seed 1\nseed 2\nconnect\n", 2, "'seed' given twice (first on line 1)"),
                Arguments.of("a count that is not a number", "vfs many\nconnect\n", 1,
                        "the number of VFs 'many' is not a number"),
                Arguments.of("a count out of range", "vfs 300\nconnect\n", 1, "the number of VFs 300 is out of range 0..256"),
                Arguments.of("a setup line without its value", "seed\nconnect\n", 1, "expected 'seed N'"),
                Arguments.of("an unknown region policy", "region-policy sometimes\nconnect\n", 1,
                        "unknown region policy 'sometimes': expected exclusive-at-open or dynamic-on-bind"),
                Arguments.of("an unknown bound-device policy", "bound-device-policy ignore\nconnect\n", 1,
                        "unknown bound-device policy 'ignore': expected block-while-bound or implicit-unbind"),
                Arguments.of("an unknown bind path", "bind-path ioctl\nconnect\n", 1,
                        "unknown bind path 'ioctl': expected vfio-ioctl or iommufd-vdevice"),
                Arguments.of("exclusive ranges neither on nor off", "exclusive-ranges yes\nconnect\n", 1,
                        "exclusive-ranges is 'on' or 'off', not 'yes'"),
                Arguments.of("an unknown fault point", "faults doe-bzy\nconnect\n", 1, "unknown fault point 'doe-bzy'"),
                Arguments.of("an unknown tamper", "tamper firmware\nconnect\n", 1,
                        "unknown tamper 'firmware': expected measurements or report"),
                Arguments.of("the same tamper twice", "tamper report\ntamper report\nconnect\n", 2,
                        "'tamper report' given twice"),
                Arguments.of("a malformed cvm line", "cvm A vf 1\nconnect\n", 1, "expected 'cvm NAME on vf N'"),
                Arguments.of("a CVM declared twice", "cvm A on vf 1\ncvm A on vf 2\nconnect\n", 2,
                        "CVM A declared twice"),
                Arguments.of("a CVM on VF 0", "cvm A on vf 0\nconnect\n", 1, "the VF number 0 is out of range 1..256"),
                Arguments.of("a CVM on a VF the device lacks", "cvm A on vf 5\nconnect\n", 1,
                        "CVM A is on VF 5 but the device has 4 VF(s) (the default; add a 'vfs N' line)"),
                Arguments.of("a CVM beyond the declared VFs", "vfs 2\ncvm A on vf 3\nconnect\n", 2,
                        "CVM A is on VF 3 but the device has 2 VF(s) (vfs on line 1)"),
                Arguments.of("an unknown action", "connect\nbnd\n", 2, "unknown action 'bnd'; actions: connect,"),
                Arguments.of("an argument to an action that takes none", "cvm A on vf 1\nreset now\n", 2,
                        "'reset' takes no argument, got 'now'"),
                Arguments.of("host-mmio without a path", "cvm A on vf 1\nhost-mmio\n", 2,
                        "expected 'host-mmio PATH (dev-mem, sysfs-resource, other-driver, vfio-region, vfio-mmap)'"),
                Arguments.of("an unknown host path", "cvm A on vf 1\nhost-mmio /dev/kmem\n", 2,
                        "unknown host path '/dev/kmem': expected one of dev-mem,"),
                Arguments.of("a config write without a value", "cvm A on vf 1\nconfig-write command\n", 2,
                        "expected 'config-write REG VALUE"),
                Arguments.of("an unaligned config offset", "cvm A on vf 1\nconfig-write 0x46 1\n", 2,
                        "config offset 0x46 is not 4-byte aligned"),
                Arguments.of("a config offset past config space", "cvm A on vf 1\nconfig-write 0x1000 1\n", 2,
                        "the config offset 4096 is out of range 0..4092"),
                Arguments.of("a Command value wider than the register", "cvm A on vf 1\nconfig-write command 0x10000\n",
                        2, "the value 65536 is out of range 0..65535"),
                Arguments.of("use of an undeclared CVM", "cvm A on vf 1\nuse B\n", 2, "no CVM named B is declared"),
                Arguments.of("a CVM action without a CVM", "connect\nbind\n", 2,
                        "'bind' acts on a CVM: declare one with 'cvm NAME on vf N' before the first action"),
                Arguments.of("an unknown expectation", "connect => EBUSYY\n", 1,
                        "unknown expectation 'EBUSYY': expected ok, refused, reached, error, state STATE or an errno "
                                + "name (EPERM,"),
                Arguments.of("two outcomes", "connect => ok, refused\n", 1, "more than one outcome expected ('ok' and "
                        + "'refused')"),
                Arguments.of("an empty expectation between commas", "connect => ok,\n", 1,
                        "empty expectation between commas"),
                Arguments.of("a state without its name", "cvm A on vf 1\nbind => state\n", 2,
                        "expected 'state STATE' (CONFIG_UNLOCKED, CONFIG_LOCKED, RUN, ERROR), got 'state'"),
                Arguments.of("an unknown TDI state", "cvm A on vf 1\nbind => state LOCKED\n", 2,
                        "unknown TDI state 'LOCKED': expected CONFIG_UNLOCKED, CONFIG_LOCKED, RUN, ERROR"),
                Arguments.of("two states", "cvm A on vf 1\nbind => state RUN, state RUN\n", 2,
                        "more than one state expected"),
                Arguments.of("a state expectation without a CVM", "connect => state RUN\n", 1,
                        "'state' expects the TDI state of the current CVM, and no CVM is declared"),
                Arguments.of("no action at all", "# only\nseed 3\n", 3, "no action: a scenario needs at least one "
                        + "action line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedFileIsRejectedNamingTheLineAndWhatIsWrong(String what, String text, int line, String problem) {
        ScenarioParseException e = assertThrows(ScenarioParseException.class, () -> parse(text));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.problem().startsWith(problem), "got: " + e.problem());
    }
}
