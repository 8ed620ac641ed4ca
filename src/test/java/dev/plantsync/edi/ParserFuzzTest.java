package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated and truncated EDI and CSV bytes (seeded, so every failure can be replayed): the parsers only ever return
 * invoices or located errors; they never throw and never hang.
 */
class ParserFuzzTest {

    private static final List<String> SAMPLES = List.of("x12-810-004010-two-invoices.edi", "x12-810-005010-with-tax.edi",
            "edifact-invoic-d96a-two-messages.edi", "edifact-invoic-d01b-with-tax.edi", "csv-two-invoices.csv",
            "csv-bom-semicolon.csv", "edifact-invoic-d96a-decimal-comma.edi", "edifact-invoic-d96a-summary-tax-per-rate.edi",
            "x12-810-004010-ge-mismatch.edi");

    static Stream<Arguments> mutations() {
        return SAMPLES.stream().flatMap(sample -> IntStream.range(0, 120).mapToObj(seed -> Arguments.of(sample, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("mutations")
    void mutatedInputGivesInvoicesOrLocatedErrors(String sample, int seed) throws IOException {
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/edi/" + sample)) {
            original = in.readAllBytes();
        }
        byte[] mutated = mutate(original, new Random(seed * 31L + sample.hashCode()));
        CollectingSink sink = new CollectingSink();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> InvoiceParsers.parse(new ByteArrayInputStream(mutated),
                sample, InvoiceParsers.Options.defaults(), sink));

        if (!new String(mutated, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            assertThat(sink.invoices.size() + sink.fileErrors.size()).as("content gives invoices or errors, never "
                    + "nothing").isPositive();
        }
        for (ParsedInvoice parsed : sink.invoices) {
            assertThat(parsed.invoice() != null || !parsed.errors().isEmpty()).isTrue();
            parsed.errors().forEach(ParserFuzzTest::located);
        }
        sink.fileErrors.forEach(ParserFuzzTest::located);
    }

    private static void located(EdiError e) {
        assertThat(e.file()).isNotBlank();
        assertThat(e.reason()).isNotBlank();
        assertThat(e.code()).isNotNull();
    }

    static byte[] mutate(byte[] input, Random random) {
        byte[] out = input.clone();
        int operations = 1 + random.nextInt(6);
        for (int i = 0; i < operations && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(7)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, at); // truncate
                case 2 -> { // delete a run
                    int len = Math.min(out.length - at, 1 + random.nextInt(40));
                    byte[] shorter = new byte[out.length - len];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + len, shorter, at, out.length - at - len);
                    out = shorter;
                }
                case 3 -> { // insert delimiters and junk
                    byte[] junk = {'*', '~', '+', ':', '\'', '?', ',', '"', '\n', (byte) random.nextInt(256)};
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = junk[random.nextInt(junk.length)];
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                case 4 -> { // duplicate a chunk (repeated segments)
                    int len = Math.min(out.length - at, 1 + random.nextInt(60));
                    byte[] longer = new byte[out.length + len];
                    System.arraycopy(out, 0, longer, 0, at + len);
                    System.arraycopy(out, at, longer, at + len, out.length - at);
                    out = longer;
                }
                case 5 -> { // an element longer than the reader holds
                    byte[] text = "free text ".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    byte[] longer = new byte[out.length + text.length];
                    System.arraycopy(out, 0, longer, 0, at);
                    System.arraycopy(text, 0, longer, at, text.length);
                    System.arraycopy(out, at, longer, at + text.length, out.length - at);
                    out = longer;
                }
                default -> out[at] = (byte) ('0' + random.nextInt(10));
            }
        }
        return out;
    }
}
