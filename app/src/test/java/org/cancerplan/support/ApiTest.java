package org.cancerplan.support;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The service most API tests share: every subclass runs against one service and its one
 * store (see {@link ServiceTest}), which counts the commands it sends to the store, with
 * trusted documents and rate limits off. A test that needs those guards, other settings
 * or a store nobody else writes to extends {@link IsolatedStoreTest}.
 */
@Import(MongoCommands.class)
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=false" })
public abstract class ApiTest extends ServiceTest {

}
