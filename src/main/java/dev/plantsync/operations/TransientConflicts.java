package dev.plantsync.operations;

import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Spring Batch creates job instances and executions in SERIALIZABLE transactions, so two launches at the same moment
 * (even of different jobs) can make PostgreSQL refuse one with a serialization failure (40001) or a deadlock (40P01).
 * Nothing was written then, and the same launch a moment later goes through: it is tried again, a bounded number of
 * times, after a randomised pause so that the contenders do not collide again.
 */
final class TransientConflicts {

    static final int ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(TransientConflicts.class);
    private static final long BASE_PAUSE_MILLIS = 40;

    private TransientConflicts() {
    }

    /** Thrown when the conflicts outlast every attempt; the cause is the last one. */
    static final class Exhausted extends Exception {
        Exhausted(Exception last) {
            super("still conflicting after " + ATTEMPTS + " attempts", last);
        }
    }

    static <T> T retry(String what, Callable<T> action) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.call();
            } catch (Exception e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new Exhausted(e);
                }
                long pause = ThreadLocalRandom.current().nextLong(BASE_PAUSE_MILLIS << (attempt - 1),
                        (BASE_PAUSE_MILLIS << attempt) + 1);
                log.info("{}: {} (attempt {} of {}); trying again in {} ms", what, sqlState(e), attempt, ATTEMPTS,
                        pause);
                Thread.sleep(pause);
            }
        }
    }

    static boolean isTransient(Throwable e) {
        String state = sqlState(e);
        return "40001".equals(state) || "40P01".equals(state) || hasCause(e, PessimisticLockingFailureException.class);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
