package com.marketplacebilling.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha256Test {
    @Test
    void knownDigests(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.UTF_8);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(f));
        Path empty = Files.createFile(dir.resolve("empty"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(empty));
        byte[] big = new byte[200_000]; // more than one read buffer
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        Path large = Files.write(dir.resolve("large"), big);
        assertEquals(Sha256.of(big), Sha256.of(large));
    }
}
