package io.karafimages.core.internal.store.jdbc;

import java.util.UUID;

/** The store contract on H2 in memory (the embedded default's engine). */
class H2JdbcStoreTest extends JdbcStoreContract {
    private String url;

    H2JdbcStoreTest() throws Exception {
    }

    @Override
    protected JdbcStore newStore() throws Exception {
        url = "jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return JdbcStore.forUrl(url);
    }

    @Override
    protected JdbcStore sameDatabase() throws Exception {
        return JdbcStore.forUrl(url);
    }
}
