/**
 * Messages: what the patient is told. Changes to plans, invitations, tasks and
 * assessments write what to tell in their own outbox (in the same document write);
 * {@link MessageOutbox} turns each into part of a {@link Message} (combined per subject
 * and hour, suppressed for the deceased and the opted out), the relay sends messages to
 * an NHS Notify-shaped gateway, its callbacks record each channel's status, and the
 * patient reads them in the inbox.
 */
package org.cancerplan.messages;
