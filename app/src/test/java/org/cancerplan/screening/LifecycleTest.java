package org.cancerplan.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.cancerplan.screening.Lifecycle.Outcome;
import org.cancerplan.screening.Lifecycle.Response;
import org.cancerplan.screening.Lifecycle.ServiceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every response, event and result from every status: allowed ones lead where they
 * should, the rest are refused.
 */
class LifecycleTest {

    @ParameterizedTest
    @EnumSource(InvitationStatus.class)
    void patientResponsesByStatus(InvitationStatus status) {
        List<Response> appointment = Lifecycle.allowedResponses(Programme.BREAST, status, false);
        List<Response> homeKit = Lifecycle.allowedResponses(Programme.BOWEL, status, false);
        List<Response> kitSent = Lifecycle.allowedResponses(Programme.BOWEL, status, true);

        switch (status) {
            case INVITED, REMINDED -> {
                assertThat(appointment).containsExactly(Response.BOOK, Response.DECLINE, Response.OPT_OUT);
                assertThat(homeKit).containsExactly(Response.REQUEST_KIT, Response.DECLINE, Response.OPT_OUT);
                assertThat(kitSent).containsExactly(Response.DECLINE, Response.OPT_OUT);
            }
            case BOOKED -> assertThat(appointment).containsExactly(Response.RESCHEDULE, Response.CANCEL_BOOKING,
                    Response.DECLINE, Response.OPT_OUT);
            case OPTED_OUT -> assertThat(appointment).containsExactly(Response.OPT_IN);
            default -> assertThat(appointment).isEmpty();
        }
    }

    @Test
    void responsesLeadWhereTheySay() {
        assertThat(Lifecycle.after(Response.BOOK, InvitationStatus.INVITED)).isEqualTo(InvitationStatus.BOOKED);
        assertThat(Lifecycle.after(Response.RESCHEDULE, InvitationStatus.BOOKED)).isEqualTo(InvitationStatus.BOOKED);
        assertThat(Lifecycle.after(Response.CANCEL_BOOKING, InvitationStatus.BOOKED))
            .isEqualTo(InvitationStatus.INVITED);
        assertThat(Lifecycle.after(Response.REQUEST_KIT, InvitationStatus.REMINDED))
            .isEqualTo(InvitationStatus.REMINDED);
        assertThat(Lifecycle.after(Response.DECLINE, InvitationStatus.BOOKED)).isEqualTo(InvitationStatus.DECLINED);
        assertThat(Lifecycle.after(Response.OPT_OUT, InvitationStatus.INVITED)).isEqualTo(InvitationStatus.OPTED_OUT);
        assertThat(Lifecycle.after(Response.OPT_IN, InvitationStatus.OPTED_OUT)).isEqualTo(InvitationStatus.INVITED);
    }

    @ParameterizedTest
    @EnumSource(InvitationStatus.class)
    void serviceEventsByStatus(InvitationStatus status) {
        boolean booked = status == InvitationStatus.BOOKED;
        boolean ceasable = EnumSet
            .of(InvitationStatus.INVITED, InvitationStatus.REMINDED, InvitationStatus.BOOKED,
                    InvitationStatus.OPTED_OUT)
            .contains(status);

        assertThat(Lifecycle.after(ServiceEvent.ATTENDED, status))
            .isEqualTo(booked ? Optional.of(InvitationStatus.ATTENDED) : Optional.empty());
        assertThat(Lifecycle.after(ServiceEvent.DID_NOT_ATTEND, status))
            .isEqualTo(booked ? Optional.of(InvitationStatus.DID_NOT_ATTEND) : Optional.empty());
        assertThat(Lifecycle.after(ServiceEvent.CEASED, status))
            .isEqualTo(ceasable ? Optional.of(InvitationStatus.CEASED) : Optional.empty());
        assertThat(Lifecycle.after(ServiceEvent.CANCELLED, status))
            .isEqualTo(ceasable ? Optional.of(InvitationStatus.CANCELLED) : Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(InvitationStatus.class)
    void resultsFollowAnAttendanceOrAReturnedKit(InvitationStatus status) {
        boolean appointmentDone = status == InvitationStatus.ATTENDED || status == InvitationStatus.BOOKED;
        boolean kitOut = status == InvitationStatus.INVITED || status == InvitationStatus.REMINDED;

        assertThat(Lifecycle.after(Outcome.ABNORMAL, Programme.BREAST, status))
            .isEqualTo(appointmentDone ? Optional.of(InvitationStatus.RESULT_ABNORMAL) : Optional.empty());
        assertThat(Lifecycle.after(Outcome.NORMAL, Programme.BOWEL, status))
            .isEqualTo(appointmentDone || kitOut ? Optional.of(InvitationStatus.RESULT_NORMAL) : Optional.empty());
    }

}
