package com.marketplacebilling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Golden files under src/test/resources/golden. Regenerate deliberately with {@code -Dgolden.update=true}
 * and read the diff before committing.
 */
public final class Golden {
    private static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {}

    public static void assertMatches(Path actual, String goldenPath) throws IOException {
        Path golden = ROOT.resolve(goldenPath);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.copy(actual, golden, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(golden).as("golden file %s exists (run with -Dgolden.update=true to create it)", golden).exists();
        assertThat(Files.readString(actual)).as("%s against golden %s", actual, golden)
                .isEqualTo(Files.readString(golden));
        assertThat(Files.mismatch(actual, golden)).as("byte-identical to %s", golden).isEqualTo(-1L);
    }

    /** The manifest without the run's own facts (execution id, attempt, timestamps). */
    public static String stableManifest(Path manifest) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(manifest)) {
            if (line.matches("\\s*\"(jobExecutionId|attempt|startedAt|finishedAt)\".*")) continue;
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    public static void assertManifestMatches(Path manifest, String goldenPath) throws IOException {
        Path tmp = Files.createTempFile("manifest", ".json");
        Files.writeString(tmp, stableManifest(manifest));
        try {
            assertMatches(tmp, goldenPath);
        } finally {
            Files.delete(tmp);
        }
    }
}
