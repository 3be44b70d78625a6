package dev.vireo.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The series of one gauge whose set of tags changes (hosts, jobs and pools come and go). WildFly
 * hands a deployment a registry that exports only what its convenience methods register
 * ({@link MeterRegistry#gauge(String, Iterable, Object, ToDoubleFunction)}): Micrometer's
 * MultiGauge and the meter builders register in the deployment's own registry, which nothing
 * scrapes. Each series reads the holder it was registered with; a round sets the holders' values.
 */
final class GaugeRows<T> {

    private final MeterRegistry registry;
    private final String name;
    private final ToDoubleFunction<AtomicReference<T>> read;
    private final Map<Tags, AtomicReference<T>> rows = new ConcurrentHashMap<>();

    GaugeRows(MeterRegistry registry, String name, ToDoubleFunction<T> value) {
        this.registry = registry;
        this.name = name;
        this.read = holder -> holder.get() == null ? Double.NaN : value.applyAsDouble(holder.get());
    }

    /** Shows exactly these series: new tags are registered, gone ones removed, the others take their new values. */
    void show(Map<Tags, T> values) {
        rows.entrySet().removeIf(row -> {
            if (values.containsKey(row.getKey())) {
                return false;
            }
            remove(row.getKey());
            return true;
        });
        values.forEach((tags, value) -> rows.computeIfAbsent(tags, this::register).set(value));
    }

    /**
     * Registers a series with a new holder. The registry outlives a redeployment of Vireo, and
     * registering a name and tags it has already returns the old series, which would go on reading
     * the old deployment's holder (weakly held, so soon NaN): the old one goes first.
     */
    private AtomicReference<T> register(Tags tags) {
        remove(tags);
        return registry.gauge(name, tags, new AtomicReference<T>(), read);
    }

    private void remove(Tags tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        if (gauge != null) {
            registry.remove(gauge);
        }
    }
}
