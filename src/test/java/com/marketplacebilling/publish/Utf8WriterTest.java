package com.marketplacebilling.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written UTF-8 gives exactly the JDK's bytes, whatever the mix of 1-, 2-, 3- and 4-byte characters. */
class Utf8WriterTest {
    private static final String[] PIECES = {"a", "Z", ",", "é", "ß", "×", "→", "−", "€", "日本", "😀", "𝄞", "\u007f", "\u0080",
            "\u07ff", "\u0800", "\uffff"};

    @Test
    void randomMixesEncodeLikeTheJdk() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            StringBuilder all = new StringBuilder();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // a small buffer, so that pieces both fit and straddle it
            try (Utf8Writer w = new Utf8Writer(bytes, 16 + random.nextInt(200))) {
                for (int k = random.nextInt(60); k >= 0; k--) {
                    StringBuilder piece = new StringBuilder();
                    for (int c = random.nextInt(40); c >= 0; c--) piece.append(PIECES[random.nextInt(PIECES.length)]);
                    all.append(piece);
                    if (random.nextBoolean()) {
                        w.write(piece.toString());
                    } else { // the char[] path (CsvOutput's composed cells), from an offset
                        char[] chars = ("xy" + piece).toCharArray();
                        w.write(chars, 2, chars.length - 2);
                    }
                }
            }
            assertThat(bytes.toByteArray()).as("seed %d round %d", seed, round)
                    .isEqualTo(all.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anUnpairedSurrogateFailsInBothPaths() {
        assertThatThrownBy(() -> write(1 << 16, "a\ud800b")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> write(8, "abcdefgh\udc00")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> write(1 << 16, "ends high \ud83d")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> {
            try (Utf8Writer w = new Utf8Writer(new ByteArrayOutputStream(), 1 << 16)) {
                w.write("a\ud800b".toCharArray(), 0, 3);
            }
        }).isInstanceOf(MalformedInputException.class);
    }

    private static void write(int size, String s) throws IOException {
        try (Utf8Writer w = new Utf8Writer(new ByteArrayOutputStream(), size)) {
            w.write(s);
        }
    }
}
