package dev.vireo.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Each test class starts with no failed logins counted against the loopback address. Many classes
 * sign in wrongly from 127.0.0.1 on purpose, and the throttle (rightly) slows every stranger from an
 * address with 30 failures in 15 minutes: without this, a later class's new users and refused
 * tokens would get 429 instead of what it tests, depending on the order and the speed of the run.
 * {@code LoginThrottleIT} tests the throttle itself from loopback addresses of its own. Registered
 * for every test class (junit-platform.properties, META-INF/services).
 */
public class LoopbackLoginCounts implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Vireo.forgetLoopbackLoginFailures();
    }
}
