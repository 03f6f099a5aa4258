package io.karafimages.api;

/**
 * EventAdmin topics and properties of task state changes. The runtime posts one event per change, asynchronously
 * and only after the change is committed, on the node that made it. Listen with an {@code EventHandler} service
 * whose {@code event.topics} is {@code io/karafimages/task/*}. Events carry no prompt and no image data; read the
 * task or embed through the services (as its owner) for more.
 */
public final class TaskEvents {
    /** Prefix of every topic. */
    public static final String TOPIC_PREFIX = "io/karafimages/task/";
    public static final String QUEUED = TOPIC_PREFIX + "QUEUED";
    public static final String STARTED = TOPIC_PREFIX + "STARTED";
    public static final String PROGRESS = TOPIC_PREFIX + "PROGRESS";
    public static final String COMPLETED = TOPIC_PREFIX + "COMPLETED";
    public static final String FAILED = TOPIC_PREFIX + "FAILED";
    public static final String CANCELLED = TOPIC_PREFIX + "CANCELLED";
    /** Subscribe to every task topic. */
    public static final String ALL = TOPIC_PREFIX + "*";

    /** String: the task id. */
    public static final String TASK_ID = "task.id";
    /** String: the task's embed id. */
    public static final String EMBED_ID = "embed.id";
    /** String: the owner's user id. */
    public static final String OWNER_ID = "owner.id";
    /** String: the skill id. */
    public static final String SKILL = "skill";
    /** String: the wire name of the task status ({@code queued}, {@code processing}, ...). */
    public static final String STATUS = "status";
    /** Double 0..1. */
    public static final String PROGRESS_FRACTION = "progress";
    /** String: the error code, on FAILED only. */
    public static final String ERROR_CODE = "error.code";

    private TaskEvents() {
    }
}
