package io.karafimages.core.internal.embeds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskService;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.EmbedRepository;
import io.karafimages.core.internal.store.TaskRepository;

/**
 * Deletes an embed by crypto-shredding: its task, when still queued or running, is cancelled and awaited; then every
 * stored file is deleted from its blob store, the data key destroyed in its key service, and the rows removed (with
 * the wrapped key, the only stored form of the data key) in one transaction that leaves a tombstone. Whatever copy
 * of a file might survive elsewhere (a backup, an object version) cannot be decrypted any more.
 *
 * <p>Data keys are made one per embed (see {@code DefaultTaskService} and {@code EmbedUploads}), so destroying one
 * concerns that embed alone; the store is still asked whether another embed of the owner holds the same wrapped key,
 * and then the key service is not told to destroy it. Embeds made from this one keep working: they have their own
 * keys and files and only name this one as their source. Charges stay.
 *
 * <p>Each step can be repeated: a storage or key-service outage fails the call with a retryable 503 before the rows
 * go, and calling again finishes the work.
 */
@Component(service = EmbedDeletion.class)
public final class EmbedDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedDeletion.class);
    /** How long a running task gets to end after it was told to cancel; a worker on a dead node never answers. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private final TaskRepository taskRepository;
    private final EmbedRepository embedRepository;
    private final Backends backends;
    private final DefaultEmbedService embeds;
    private final TaskService tasks;
    private final Duration cancelWait;

    @Activate
    public EmbedDeletion(@Reference TaskRepository taskRepository, @Reference EmbedRepository embedRepository,
            @Reference Backends backends, @Reference DefaultEmbedService embeds, @Reference TaskService tasks) {
        this(taskRepository, embedRepository, backends, embeds, tasks, CANCEL_WAIT);
    }

    public EmbedDeletion(TaskRepository taskRepository, EmbedRepository embedRepository, Backends backends,
            DefaultEmbedService embeds, TaskService tasks, Duration cancelWait) {
        this.taskRepository = taskRepository;
        this.embedRepository = embedRepository;
        this.backends = backends;
        this.embeds = embeds;
        this.tasks = tasks;
        this.cancelWait = cancelWait;
    }

    /** See {@link io.karafimages.api.EmbedService#delete}. */
    public void delete(String userId, String embedId) {
        Optional<EmbedRecord> found = owned(userId, embedId);
        if (found.isEmpty()) {
            if (embedRepository.isDeletedEmbed(userId, embedId)) {
                return;
            }
            throw ImagesException.notFound("Embed");
        }
        cancelTask(userId, embedId);
        Optional<EmbedRecord> current = owned(userId, embedId);
        if (current.isEmpty()) {
            return; // deleted meanwhile by a parallel request
        }
        EmbedRecord embed = current.get();
        deleteFiles(embed);
        if (!embedRepository.isKeyShared(embed.ownerId(), embed.wrappedKey(), embed.id())) {
            backends.keys(embed.keyBackend()).destroy(embed.ownerId(), embed.wrappedKey());
        } else {
            LOG.warn("The data key of embed {} is shared with another embed; it is kept for that one", embed.id());
        }
        embedRepository.deleteEmbed(embed.id());
        embeds.routes().invalidate(embed.id()); // this node answers 404 at once; others within EmbedRoutes.TTL_NANOS
        LOG.info("Embed {} deleted: files, data key and rows", embed.id());
    }

    private Optional<EmbedRecord> owned(String userId, String embedId) {
        return embedRepository.findEmbed(embedId).filter(e -> e.ownerId().equals(userId));
    }

    /** Cancels the embed's queued or running task and waits (bounded) until it ended. */
    private void cancelTask(String userId, String embedId) {
        Optional<TaskRecord> task = taskRepository.findTaskByEmbed(embedId);
        if (task.isEmpty() || task.get().status().isTerminal()) {
            return;
        }
        String taskId = task.get().id();
        tasks.cancel(userId, taskId);
        long deadline = System.nanoTime() + cancelWait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TaskRecord> now = taskRepository.findTask(taskId);
            if (now.isEmpty() || now.get().status().isTerminal()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // The worker's node does not answer: once the rows are gone its completion finds no task and removes its files.
        LOG.warn("Task {} did not end within {} of its cancellation; deleting its embed anyway", taskId, cancelWait);
    }

    /**
     * Deletes every file the content names. Content that cannot be decrypted for another reason than an outage names
     * nothing we can find: its files, if any, become undecryptable once the key is gone.
     */
    private void deleteFiles(EmbedRecord embed) {
        if (embed.content() == null || embed.blobBackend() == null) {
            return;
        }
        embeds.routes().invalidate(embed.id()); // from here on, files may be gone: no download starts from the cache
        List<String> routed = embeds.routes().objectKeys(embed.id());
        if (!routed.isEmpty()) {
            deleteObjects(embed, routed); // the routing rows name the files: no key, no decryption
            return;
        }
        Map<String, Object> content;
        byte[] key = null;
        try {
            key = embeds.dataKey(embed);
            content = DefaultEmbedService.decryptContent(embed, key);
        } catch (ImagesException e) {
            if (e.httpStatus() == 503) {
                throw e; // the key service is down: try again later, nothing is deleted yet
            }
            LOG.warn("The content of embed {} cannot be decrypted ({}); its files cannot be named and stay as "
                    + "undecryptable ciphertext", embed.id(), e.code());
            return;
        } catch (RuntimeException e) {
            LOG.warn("The content of embed {} cannot be decrypted; its files cannot be named and stay as "
                    + "undecryptable ciphertext", embed.id(), e);
            return;
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
        List<String> objectKeys = new ArrayList<>();
        if (content.get("files") instanceof Map<?, ?> files) {
            for (Object entry : files.values()) {
                if (entry instanceof Map<?, ?> file && file.get("s3_key") instanceof String objectKey) {
                    objectKeys.add(objectKey);
                }
            }
        }
        deleteObjects(embed, objectKeys);
    }

    private void deleteObjects(EmbedRecord embed, List<String> objectKeys) {
        var blobs = backends.store(embed.blobBackend());
        for (String objectKey : objectKeys) {
            blobs.delete(objectKey); // an outage throws 503 here: the rows stay, so the caller can try again
        }
    }
}
