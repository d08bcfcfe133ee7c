package org.cancerplan.support;

import org.springframework.test.annotation.DirtiesContext;

/**
 * A service and an embedded store for this test class alone (see {@link ServiceTest}):
 * the service is closed after the class, so no other class reads what it wrote or meets
 * what it broke on purpose. Subclasses choose their own settings with
 * {@code @TestPropertySource}; unset, the guards are on as in production (trusted
 * documents for patients, rate limits).
 */
@DirtiesContext
public abstract class IsolatedStoreTest extends ServiceTest {

}
