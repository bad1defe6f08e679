package io.teeio.spdm.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every prefix of a message and every wrong code is a precise decode error. */
class MalformedMessagePropertyTest {

    /** ByteReader's truncation message: where, which field, how much was needed and how much was left. */
    static final Pattern TRUNCATED =
            Pattern.compile("truncated at offset (\\d+) reading (\\S.*) \\((\\d+) bytes needed, (\\d+) left\\)");

    /** Checks the message names a field and the numbers agree with the cut. */
    static void assertNamesTruncatedField(SpdmDecodeException e, int cut) {
        Matcher m = TRUNCATED.matcher(e.getMessage());
        assertTrue(m.find(), () -> "not a truncation error: " + e.getMessage());
        int offset = Integer.parseInt(m.group(1));
        int needed = Integer.parseInt(m.group(3));
        int left = Integer.parseInt(m.group(4));
        assertEquals(cut, offset + left, () -> "offset and bytes left must add up to the cut length: " + e.getMessage());
        assertTrue(needed > left, e::getMessage);
    }

    /** Cut lengths are drawn rather than enumerated per try: certificates and measurements run to hundreds of bytes. */
    @Property(tries = 3000)
    void everyPrefixShorterThanTheEncodingFailsNamingTheField(@ForAll("messages") Sample s,
            @ForAll("fractions") double where) {
        byte[] wire = s.bytes();
        int cut = (int) (where * s.requiredLength());
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> s.decode(Arrays.copyOf(wire, cut)),
                () -> s + " decoded from its first " + cut + " bytes");
        assertNamesTruncatedField(e, cut);
    }

    @Property(tries = 300)
    void everyPrefixOfSmallMessagesFailsNamingTheField(@ForAll("messages") Sample s) {
        byte[] wire = s.bytes();
        for (int cut = 0; cut < Math.min(s.requiredLength(), 64); cut++) {
            int n = cut;
            SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> s.decode(Arrays.copyOf(wire, n)),
                    () -> s + " decoded from its first " + n + " bytes");
            assertNamesTruncatedField(e, cut);
        }
    }

    @Property
    void aWrongCodeFailsNamingTheExpectedAndTheActualCode(@ForAll("messages") Sample s,
            @ForAll("codes") int code) {
        Assume.that(!s.accepts(code));
        byte[] wire = s.bytes();
        wire[1] = (byte) code;
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> s.decode(wire));
        assertTrue(e.getMessage().contains(SpdmCode.name(s.message().code())), e::getMessage);
        assertTrue(e.getMessage().contains(SpdmCode.name(code)), e::getMessage);
    }

    @Provide
    Arbitrary<Sample> messages() {
        return MessageArbitraries.anyMessage();
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, true, 1, false);
    }

    @Provide
    Arbitrary<Integer> codes() {
        return Arbitraries.integers().between(0, 0xFF);
    }
}
