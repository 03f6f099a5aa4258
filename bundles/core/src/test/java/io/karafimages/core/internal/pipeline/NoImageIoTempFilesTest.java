package io.karafimages.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * M3: rendering decrypted images must not spool them to ImageIO's file cache. The cache directory is pointed
 * at a private folder (instead of the shared java.io.tmpdir, where other processes create files) and watched
 * while a PNG and a JPEG source are rendered; the files are deleted on close, so only a watcher sees them.
 */
class NoImageIoTempFilesTest {

    @Test
    void renderingCreatesNoImageIoCacheFile(@TempDir Path cache) throws Exception {
        BufferedImage img = TestImages.image(320, 200, BufferedImage.TYPE_INT_RGB);
        byte[] png = TestImages.encode(img, "png");
        byte[] jpeg = TestImages.encode(img, "jpeg");
        ImageIO.setUseCache(true); // the JVM default, in case an earlier test turned it off
        ImageIO.setCacheDirectory(cache.toFile());
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            cache.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            RenditionPipeline pipeline = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);
            assertFalse(ImageIO.getUseCache(), "the pipeline turns ImageIO's file cache off");

            ImageIO.setUseCache(true); // and even if something turns it back on, our streams stay in memory
            pipeline.render(png, "image/png", null);
            pipeline.render(jpeg, "image/jpeg", null);

            List<String> created = createdUntilSentinel(watcher, cache);
            assertEquals(List.of(), created.stream().filter(n -> n.startsWith("imageio")).toList());
        } finally {
            ImageIO.setCacheDirectory(null);
            ImageIO.setUseCache(false);
        }
    }

    /** inotify reports in order: once the sentinel's creation is seen, every earlier creation was too. */
    private static List<String> createdUntilSentinel(WatchService watcher, Path dir) throws IOException,
            InterruptedException {
        Files.createFile(dir.resolve("sentinel"));
        List<String> names = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!names.contains("sentinel")) {
            assertTrue(System.nanoTime() < end, "the watcher never reported the sentinel");
            WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
            if (key != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    names.add(String.valueOf(event.context()));
                }
                key.reset();
            }
        }
        return names;
    }
}
