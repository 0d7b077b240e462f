package com.marketplacebilling.batch.reconcile;

import com.marketplacebilling.billing.Hashes;
import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.publish.TextOrder;
import com.marketplacebilling.reconcile.MicrosoftFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of Microsoft's reconciliation files for a month: every {@code *.csv} in it, in binary file-name
 * order. {@link #inspect} fails, before anything is written, on a missing folder, a folder without CSV files
 * or a file without a required column, naming the file and the column.
 */
public final class MicrosoftFolder {
    private MicrosoftFolder() {}

    /** One input file: its name (as the report's MicrosoftFile), path and SHA-256. */
    public record InputFile(String name, Path path, String sha256) {}

    public static List<InputFile> inspect(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new FeedFileException(folder + ": the folder of Microsoft's reconciliation files does not exist"
                    + " (deliver the month's Partner Center files there, or give --recon-folder DIR)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .sorted((a, b) -> TextOrder.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new FeedFileException(folder + ": no *.csv file in the folder of Microsoft's reconciliation files");
        }
        return files.stream().map(MicrosoftFolder::check).toList();
    }

    /** Reads the header (required columns) and the SHA-256 of one file. */
    private static InputFile check(Path file) {
        String name = file.getFileName().toString();
        try {
            try (MicrosoftFileReader reader = new MicrosoftFileReader(name, Files.newInputStream(file))) {
                // the constructor read and checked the header
            } catch (FeedFileException e) {
                throw new FeedFileException(file.getParent() + java.io.File.separator + e.getMessage(), e);
            }
            return new InputFile(name, file, sha256(file));
        } catch (IOException e) {
            throw new FeedFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = Hashes.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
