package io.karafimages.core.internal.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository.Created;

/**
 * Creates a task within its owner's budget. Reading the owner's spend and inserting the task are serialised per
 * owner by a row lock ({@code SELECT ... FOR UPDATE} on {@code images_owner_lock}), which H2 and PostgreSQL both
 * honour; under READ COMMITTED the sums read after the lock see every task that an earlier lock holder committed.
 */
final class BudgetedCreate {
    /** Inserts the task and its embed on a connection inside a transaction. */
    interface Insert {
        void run(Connection c) throws SQLException;
    }

    private final Sql sql;

    BudgetedCreate(Sql sql) {
        this.sql = sql;
    }

    Created create(TaskRecord task, long budgetCredits, Instant periodStart, Insert insert) {
        String owner = task.ownerId();
        ensureLockRow(owner);
        try {
            return sql.inTransaction(c -> {
                if (Sql.query(c, "SELECT owner_id FROM images_owner_lock WHERE owner_id = ? FOR UPDATE",
                        rs -> 1, owner).isEmpty()) {
                    throw new SQLException("The budget lock row of " + owner + " vanished");
                }
                long charged = Sql.query(c, "SELECT COALESCE(SUM(credits), 0) FROM images_usage WHERE owner_id = ? "
                        + "AND created_at >= ?", rs -> rs.getLong(1), owner, periodStart).get(0);
                long pending = Sql.query(c, "SELECT COALESCE(SUM(estimated_credits), 0) FROM images_task "
                        + "WHERE owner_id = ? AND status IN ('QUEUED', 'PROCESSING')", rs -> rs.getLong(1), owner)
                        .get(0);
                if (charged + pending + task.estimatedCredits() > budgetCredits) {
                    return Created.OVER_BUDGET;
                }
                insert.run(c);
                return Created.CREATED;
            });
        } catch (ImagesException e) {
            if (e.getCause() instanceof SQLException se && Sql.isUniqueViolation(se)) {
                return Created.DUPLICATE;
            }
            throw e;
        }
    }

    /**
     * The lock row is inserted in its own transaction: a unique violation (another node inserted it first) would
     * abort a PostgreSQL transaction, and once the row exists this is one indexed read.
     */
    private void ensureLockRow(String owner) {
        if (sql.queryOne("SELECT 1 FROM images_owner_lock WHERE owner_id = ?", rs -> 1, owner).isPresent()) {
            return;
        }
        try {
            sql.update("INSERT INTO images_owner_lock (owner_id) VALUES (?)", owner);
        } catch (ImagesException e) {
            if (!(e.getCause() instanceof SQLException se && Sql.isUniqueViolation(se))) {
                throw e;
            }
        }
    }
}
