package dev.plantsync.odoo;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link OdooClient} whose process "dies" at the n-th call that changes Odoo: either before the call is sent,
 * or after Odoo answered and before PlantSync saw the answer (what a kill -9 at that moment leaves behind: Odoo has
 * the effect, PlantSync's last committed state does not). The death is a {@link Crash} thrown out of the job, which
 * ends the execution FAILED with nothing after it run, as the recovery then finds a killed run.
 */
public final class CrashingOdoo {

    private static final Set<String> READS = Set.of("search_read", "read", "search", "search_count", "fields_get",
            "name_search", "read_group", "context_get");

    /** Thrown where the process would have died. */
    public static final class Crash extends RuntimeException {
        public Crash(String message) {
            super(message);
        }
    }

    /** When to die: at the {@code at}-th write (1-based; 0 never), before sending it or after its answer. */
    public static final class Plan {
        private volatile int at;
        private volatile boolean afterAnswer;
        private final AtomicInteger writes = new AtomicInteger();
        private volatile String crashed;

        public void dieAt(int at, boolean afterAnswer) {
            this.at = at;
            this.afterAnswer = afterAnswer;
            this.writes.set(0);
            this.crashed = null;
        }

        /** The call the process died at ("stock.lot.create, answer lost"), or null when it did not die. */
        public String crashed() {
            return crashed;
        }

        public int writes() {
            return writes.get();
        }
    }

    private CrashingOdoo() {
    }

    public static OdooClient wrap(OdooClient real, Plan plan) {
        OdooTransport transport = field(real, "transport");
        OdooTransport dying = new OdooTransport() {
            @Override
            public Transport kind() {
                return transport.kind();
            }

            @Override
            public java.util.Map<String, Object> version() {
                return transport.version();
            }

            @Override
            public int authenticate() {
                return transport.authenticate();
            }

            @Override
            public Object execute(OdooCall call) {
                if (READS.contains(call.method()) || plan.at == 0 || plan.crashed != null) {
                    return transport.execute(call);
                }
                int n = plan.writes.incrementAndGet();
                if (n != plan.at) {
                    return transport.execute(call);
                }
                String where = call.model() + "." + call.method();
                if (plan.afterAnswer) {
                    transport.execute(call);
                    plan.crashed = where + ", answer lost";
                } else {
                    plan.crashed = where + ", before sending";
                }
                throw new Crash("simulated death at write " + n + ": " + plan.crashed);
            }
        };
        return new OdooClient(dying, field(real, "retry"), field(real, "metrics"), real.pageSize(),
                real.majorVersion());
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object o, String name) {
        try {
            Field f = OdooClient.class.getDeclaredField(name);
            f.setAccessible(true);
            return (T) f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
