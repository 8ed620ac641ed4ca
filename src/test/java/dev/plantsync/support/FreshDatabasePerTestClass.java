package dev.plantsync.support;

import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives every Spring test class its own application context on its own fresh database, so tests never see each
 * other's data. The customizer is equal only for the same test class, which keeps Spring from sharing contexts.
 */
public class FreshDatabasePerTestClass implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        Class<?> top = testClass;
        while (TestContextAnnotationUtils.searchEnclosingClass(top)) {
            top = top.getEnclosingClass();
        }
        return new Customizer(top);
    }

    private static final class Customizer implements ContextCustomizer {

        private final Class<?> testClass;

        Customizer(Class<?> testClass) {
            this.testClass = testClass;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabases.FreshDatabase database = TestDatabases.create();
            TestPropertyValues.of(database.properties()).applyTo(context);
            // Dropped when the context closes (evicted from the cache or at JVM exit): a session runs the suite many
            // times, and the databases it left behind piled up on the shared server (about 10 MB each).
            // Registered before any bean, so destroyed after all of them (the connection pool included).
            ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(
                    "freshDatabaseDrop", () -> TestDatabases.drop(database));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer c && c.testClass.equals(testClass);
        }

        @Override
        public int hashCode() {
            return Objects.hash(testClass);
        }
    }
}
