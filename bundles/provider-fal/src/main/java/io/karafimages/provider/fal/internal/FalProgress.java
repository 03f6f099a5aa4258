package io.karafimages.provider.fal.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.karafimages.spi.provider.ImageProvider.ProgressListener;

/**
 * Turns fal's queue status into progress for one generation: the queue position while waiting, the runner's
 * latest log line while drawing, and a fraction that only grows. fal does not report a percentage, but diffusion
 * runners log sampler steps ("12/28" or "43%"); when a log line has one, it drives the fraction, otherwise the
 * fraction creeps towards its ceiling with the time spent in progress. Used by one worker thread.
 */
final class FalProgress {
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%");
    private static final Pattern STEPS = Pattern.compile("\\b(\\d{1,4})\\s*/\\s*(\\d{1,4})\\b");
    private static final int MAX_MESSAGE = 120;
    private static final double QUEUED = 0.10;
    private static final double STARTED = 0.20;
    private static final double DRAWN = 0.85;
    /** Seconds in progress at which the creeping fraction is halfway from STARTED to DRAWN. */
    private static final double HALF_TIME_SECONDS = 8;

    private final ProgressListener listener;
    private double reported;
    private long startedDrawingNanos = -1;

    FalProgress(ProgressListener listener) {
        this.listener = listener;
    }

    void submitted() {
        report(0.05, "Submitted to fal.ai");
    }

    void status(FalQueueClient.Status status) {
        if ("IN_QUEUE".equals(status.state())) {
            report(QUEUED, status.queuePosition() > 0
                    ? "Waiting in the fal.ai queue, " + status.queuePosition() + " ahead"
                    : "Waiting in the fal.ai queue, next in line");
        } else if ("IN_PROGRESS".equals(status.state())) {
            if (startedDrawingNanos < 0) {
                startedDrawingNanos = System.nanoTime();
            }
            String line = status.logs().isEmpty() ? "" : status.logs().get(status.logs().size() - 1).strip();
            report(STARTED + (DRAWN - STARTED) * drawn(line), line.isEmpty() ? "fal.ai is drawing the image"
                    : "fal.ai: " + shorten(line));
        }
    }

    void downloading() {
        report(0.9, "Downloading the image from fal.ai");
    }

    void done() {
        report(1.0, "Image received from fal.ai");
    }

    /** 0..1 from a step or percentage in the log line, else from the time spent drawing. */
    private double drawn(String line) {
        Matcher steps = STEPS.matcher(line);
        if (steps.find()) {
            int done = Integer.parseInt(steps.group(1));
            int total = Integer.parseInt(steps.group(2));
            if (total > 0 && done <= total) { // "2026/11" in a date is no step count
                return (double) done / total;
            }
        }
        Matcher percent = PERCENT.matcher(line);
        if (percent.find()) {
            return Math.min(100, Integer.parseInt(percent.group(1))) / 100.0;
        }
        double seconds = (System.nanoTime() - startedDrawingNanos) / 1e9;
        return seconds / (seconds + HALF_TIME_SECONDS);
    }

    private void report(double fraction, String message) {
        reported = Math.max(reported, fraction);
        listener.progress(reported, message);
    }

    private static String shorten(String line) {
        String l = line.replaceAll("\\s+", " ");
        return l.length() <= MAX_MESSAGE ? l : l.substring(0, MAX_MESSAGE) + "...";
    }

    /** For tests: the fraction reported last. */
    double reported() {
        return reported;
    }
}
