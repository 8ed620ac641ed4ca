package dev.plantsync.acceptance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The real Odoo version an acceptance class runs against. Without that version's environment
 * ({@code PLANTSYNC_IT_ODOO<version>_URL}, {@code _DATABASE}, {@code _API_KEY_FILE} or {@code _API_KEY}) the class
 * is skipped with a message saying what to set, before any application context or Odoo call.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RealOdooServer.Available.class)
public @interface RealOdooServer {

    int value();

    final class Available implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestClass()
                    .flatMap(c -> AnnotationSupport.findAnnotation(c, RealOdooServer.class))
                    .map(server -> {
                        String missing = RealOdoo.missing(server.value());
                        return missing == null
                                ? ConditionEvaluationResult.enabled("real Odoo " + server.value() + " configured")
                                : ConditionEvaluationResult.disabled(missing);
                    })
                    .orElse(ConditionEvaluationResult.enabled("not a real-Odoo class"));
        }
    }
}
