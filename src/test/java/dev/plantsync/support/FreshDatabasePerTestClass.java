package dev.plantsync.support;

import java.util.List;
import java.util.Objects;

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
            TestPropertyValues.of(TestDatabases.create().properties()).applyTo(context);
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
