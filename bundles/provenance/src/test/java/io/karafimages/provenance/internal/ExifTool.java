package io.karafimages.provenance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs Debian's exiftool (a real, independent reader and writer of image metadata). */
final class ExifTool {
    private ExifTool() {
    }

    /** All tags, grouped by family 1 (e.g. "XMP-iptcExt:DigitalSourceType"). */
    static JsonNode read(Path file) throws IOException, InterruptedException {
        String json = run(List.of("-j", "-G1", "-n", file.toString()));
        return new ObjectMapper().readTree(json).get(0);
    }

    static void write(Path file, String... assignments) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(assignments));
        args.add("-overwrite_original");
        args.add(file.toString());
        run(args);
    }

    static String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("exiftool");
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("exiftool failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static Path temp(byte[] data, String suffix) throws IOException {
        Path f = Files.createTempFile("prov", suffix);
        Files.write(f, data);
        f.toFile().deleteOnExit();
        return f;
    }
}
