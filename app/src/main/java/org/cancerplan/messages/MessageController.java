package org.cancerplan.messages;

import static org.cancerplan.graphql.PagedList.instant;
import static org.cancerplan.graphql.PagedList.objectId;

import java.util.List;

import graphql.relay.Connection;
import graphql.relay.Edge;
import graphql.relay.PageInfo;
import org.cancerplan.graphql.PagedList;
import org.cancerplan.graphql.Pages;
import org.cancerplan.messages.MessageInputs.MarkMessageReadInput;
import org.cancerplan.messages.MessageInputs.MarkMessageReadPayload;
import org.cancerplan.patient.Patient;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** The inbox in the GraphQL API: {@code me { messages }} and {@code markMessageRead}. */
@Controller
class MessageController {

    private static final PagedList MESSAGES = PagedList.of("messages", instant("createdAt"), objectId("id"));

    /**
     * The schema's {@code MessageConnection}; its unread count is read only when asked
     * for.
     */
    record MessageConnection(String nhsNumber, Caller caller, List<Edge<Message>> edges, PageInfo pageInfo) {
    }

    private final Inbox inbox;

    MessageController(Inbox inbox) {
        this.inbox = inbox;
    }

    @SchemaMapping(typeName = "Patient")
    MessageConnection messages(Patient patient, @AuthenticationPrincipal Caller caller, @Argument Integer first,
            @Argument String after) {
        Connection<Message> page = MESSAGES
            .connection(inbox.page(caller, patient.nhsNumber(), MESSAGES.after(after), Pages.count(first)));
        return new MessageConnection(patient.nhsNumber(), caller, page.getEdges(), page.getPageInfo());
    }

    @SchemaMapping(typeName = "MessageConnection")
    long unreadCount(MessageConnection connection) {
        return inbox.unreadCount(connection.caller(), connection.nhsNumber());
    }

    @SchemaMapping(typeName = "Message")
    String title(Message message) {
        return MessageTexts.of(message.getParts()).title();
    }

    @SchemaMapping(typeName = "Message")
    String body(Message message) {
        return MessageTexts.of(message.getParts()).body();
    }

    @SubscriptionMapping
    Flux<Message> myMessageReceived(@AuthenticationPrincipal Caller principal,
            @ContextValue(name = CallerContext.KEY, required = false) Caller connection) {
        return inbox.received(CallerContext.of(principal, connection));
    }

    @MutationMapping
    MarkMessageReadPayload markMessageRead(@AuthenticationPrincipal Caller caller,
            @Argument MarkMessageReadInput input) {
        return inbox.markRead(caller, input);
    }

}
