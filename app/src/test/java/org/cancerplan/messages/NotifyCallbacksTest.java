package org.cancerplan.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.messages.Message.Channel;
import org.cancerplan.messages.Message.DeliveryStatus;
import org.cancerplan.messages.Messages.Source;
import org.cancerplan.patient.Patient;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.MessageKind;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * NHS Notify's status callbacks as the service receives them: who may send them, and that
 * replays and statuses out of order leave each channel's latest status.
 */
@TestPropertySource(properties = "cancerplan.graphql.trusted-documents=off")
class NotifyCallbacksTest extends IsolatedStoreTest {

    static final String MESSAGE_STATUS = NotifyCallbacks.PATH + "/message-status";

    static final String CHANNEL_STATUS = NotifyCallbacks.PATH + "/channel-status";

    static final NotifyStandIn gateway = NotifyStandIn.start();

    @DynamicPropertySource
    static void notify(DynamicPropertyRegistry registry) {
        gateway.configure(registry);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Messages messages;

    @Autowired
    NotifyRelay relay;

    @Autowired
    MeterRegistry meters;

    @Test
    void aSignedChannelStatusIsStoredForItsChannelAndShownInTheInbox() {
        String nhsNumber = TestNhsNumbers.next();
        Instant now = Instant.now();
        mongo.insert(new Patient(null, nhsNumber, "Callback", "Patient", LocalDate.of(1960, 1, 1), null, null, null,
                null, null, now, now, null));
        Message message = sentMessage(nhsNumber);
        String body = gateway.channelStatus(key(), message.getRelay().reference(), "sms", "delivered", "delivered",
                "2026-11-30T10:00:00.000Z");

        assertThat(post(CHANNEL_STATUS, body)).isEqualTo(202);

        Message.Delivery sms = deliveries(message).get(Channel.SMS);
        assertThat(sms.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(sms.at()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(sms.supplierStatus()).isEqualTo("delivered");
        as(IdentityProviders.patientToken(nhsNumber, "P9"))
            .document("{ me { messages(first: 5) { edges { node { deliveries { channel status at } } } } } }")
            .execute()
            .path("me.messages.edges[0].node.deliveries[0].channel")
            .entity(String.class)
            .isEqualTo("SMS")
            .path("me.messages.edges[0].node.deliveries[0].status")
            .entity(String.class)
            .isEqualTo("DELIVERED");
    }

    @Test
    void aMessageStatusRecordsTheMessagesStatusAndItsChannels() {
        Message message = sentMessage(TestNhsNumbers.next());
        String body = gateway.messageStatus(key(), message.getRelay().reference(), "delivered", "nhsapp", "delivered",
                "2026-11-30T10:05:00.000Z");

        assertThat(post(MESSAGE_STATUS, body)).isEqualTo(202);

        Message stored = mongo.findById(message.getId(), Message.class);
        assertThat(stored.getRelay().messageStatus()).isEqualTo("delivered");
        assertThat(stored.getRelay().messageStatusAt()).isEqualTo(Instant.parse("2026-11-30T10:05:00Z"));
        assertThat(stored.deliveriesByChannel().get(Channel.NHSAPP).status()).isEqualTo(DeliveryStatus.DELIVERED);

        String older = gateway.messageStatus(key(), message.getRelay().reference(), "sending", "nhsapp", "failed",
                "2026-11-30T10:01:00.000Z");
        assertThat(post(MESSAGE_STATUS, older)).isEqualTo(202);
        assertThat(mongo.findById(message.getId(), Message.class).getRelay().messageStatus()).isEqualTo("delivered");
    }

    @Test
    void aMissingOrWrongKeyIs401AndABadSignature403AndNeitherChangesAnything() {
        Message message = sentMessage(TestNhsNumbers.next());
        String body = gateway.channelStatus(key(), message.getRelay().reference(), "sms", "delivered", null,
                "2026-11-30T10:00:00.000Z");
        String signature = NotifyStandIn.signature(body);

        assertThat(gateway.callback(port, CHANNEL_STATUS, body, null, signature)).isEqualTo(401);
        assertThat(gateway.callback(port, CHANNEL_STATUS, body, "not-the-key", signature)).isEqualTo(401);
        assertThat(gateway.callback(port, CHANNEL_STATUS, body, NotifyStandIn.API_KEY, null)).isEqualTo(403);
        assertThat(gateway.callback(port, CHANNEL_STATUS, body, NotifyStandIn.API_KEY,
                NotifySignatures.sign("other-application." + NotifyStandIn.API_KEY, body.getBytes())))
            .isEqualTo(403);
        String tampered = body.replace("delivered", "failed");
        assertThat(gateway.callback(port, CHANNEL_STATUS, tampered, NotifyStandIn.API_KEY, signature)).isEqualTo(403);
        assertThat(gateway.callback(port, MESSAGE_STATUS, body, NotifyStandIn.API_KEY, signature.toUpperCase()))
            .as("a ChannelStatus sent to the message-status callback")
            .isEqualTo(400);

        assertThat(deliveries(message)).isEmpty();
    }

    @Test
    void replaysAndStatusesOutOfOrderLeaveTheLatestStatusOfEachChannel() {
        Message message = sentMessage(TestNhsNumbers.next());
        String reference = message.getRelay().reference();
        String sending = gateway.channelStatus(key(), reference, "sms", "sending", "notified",
                "2026-11-30T10:00:00.000Z");
        String delivered = gateway.channelStatus(key(), reference, "sms", "delivered", "delivered",
                "2026-11-30T10:00:30.000Z");
        String emailFailed = gateway.channelStatus(key(), reference, "email", "failed", "permanent_failure",
                "2026-11-30T09:59:00.000Z");
        double appliedBefore = counted("ChannelStatus", "applied");
        double replaysBefore = counted("ChannelStatus", "replay");

        assertThat(post(CHANNEL_STATUS, delivered)).isEqualTo(202);
        assertThat(post(CHANNEL_STATUS, sending)).isEqualTo(202);
        assertThat(post(CHANNEL_STATUS, emailFailed)).isEqualTo(202);
        assertThat(post(CHANNEL_STATUS, delivered)).isEqualTo(202);
        assertThat(post(CHANNEL_STATUS, sending)).isEqualTo(202);

        Map<Channel, Message.Delivery> deliveries = deliveries(message);
        assertThat(deliveries.get(Channel.SMS).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(deliveries.get(Channel.SMS).at()).isEqualTo(Instant.parse("2026-11-30T10:00:30Z"));
        assertThat(deliveries.get(Channel.EMAIL).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(deliveries.get(Channel.EMAIL).supplierStatus()).isEqualTo("permanent_failure");
        assertThat(counted("ChannelStatus", "applied") - appliedBefore).isEqualTo(3);
        assertThat(counted("ChannelStatus", "replay") - replaysBefore).isEqualTo(2);
        assertThat(mongo.findById(message.getId(), org.bson.Document.class, Message.COLLECTION)
            .getList("callbackKeys", String.class)).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aMessageReadInTheAppStaysReadWhateverTheAppChannelReportsLater() {
        String nhsNumber = TestNhsNumbers.next();
        Message message = sentMessage(nhsNumber);
        as(IdentityProviders.patientToken(nhsNumber, "P9"))
            .document("mutation($id: ID!) { markMessageRead(input: { messageId: $id }) { errors { code } } }")
            .variable("id", message.getId())
            .execute()
            .path("markMessageRead.errors")
            .entityList(Object.class)
            .hasSize(0);
        String later = gateway.channelStatus(key(), message.getRelay().reference(), "nhsapp", "delivered", "delivered",
                Instant.now().plus(1, ChronoUnit.MINUTES).toString());

        assertThat(post(CHANNEL_STATUS, later)).isEqualTo(202);

        assertThat(deliveries(message).get(Channel.NHSAPP).status()).isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void aCallbackForAnUnknownReferenceIsAcceptedAndIgnoredAndNonsenseIsRefused() {
        String body = gateway.channelStatus(key(), UUID.randomUUID().toString(), "sms", "delivered", null,
                "2026-11-30T10:00:00.000Z");
        assertThat(post(CHANNEL_STATUS, body)).isEqualTo(202);
        assertThat(post(CHANNEL_STATUS, "{\"data\": []}")).isEqualTo(400);
        assertThat(post(CHANNEL_STATUS, "not json")).isEqualTo(400);
    }

    private int post(String path, String body) {
        return gateway.callback(port, path, body, NotifyStandIn.API_KEY, NotifyStandIn.signature(body));
    }

    private static String key() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private double counted(String type, String outcome) {
        var counter = meters.find("cancerplan.notify.callbacks").tag("type", type).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<Channel, Message.Delivery> deliveries(Message message) {
        return mongo.findById(message.getId(), Message.class).deliveriesByChannel();
    }

    /** A message the relay has sent to the stand-in. */
    private Message sentMessage(String nhsNumber) {
        String aboutId = UUID.randomUUID().toString();
        messages.record(List.of(new Source("tests", aboutId, MessageIntent.of(MessageKind.INVITATION_ISSUED, nhsNumber,
                "INVITATION", aboutId, Instant.now().minus(2, ChronoUnit.HOURS), Map.of("programme", "BOWEL")))));
        relay.relayDue();
        Message message = mongo.findOne(Query.query(Criteria.where("about.id").is(aboutId)), Message.class);
        assertThat(message.getRelay().state()).isEqualTo(Message.RelayState.SENT);
        return message;
    }

}
