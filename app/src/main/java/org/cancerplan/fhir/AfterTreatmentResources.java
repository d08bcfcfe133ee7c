package org.cancerplan.fhir;

import static org.cancerplan.fhir.FhirValues.concept;
import static org.cancerplan.fhir.FhirValues.dateTime;
import static org.cancerplan.fhir.FhirValues.words;

import java.util.Date;
import java.util.Map;

import org.cancerplan.assessment.AssessmentParts.Answer;
import org.cancerplan.assessment.Questionnaire;
import org.cancerplan.assessment.Questionnaire.Item;
import org.cancerplan.fhir.PatientFile.AskedAssessment;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.task.Task;
import org.cancerplan.task.TaskParts.TaskChange;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Care after treatment as FHIR R4: an answered assessment as a QuestionnaireResponse (its
 * questionnaire named by a canonical URL with the version asked), a task as a Task.
 */
final class AfterTreatmentResources {

    static final String QUESTIONNAIRES = "urn:cancerplan:questionnaire:";

    private AfterTreatmentResources() {
    }

    static QuestionnaireResponse response(AskedAssessment asked, Reference patient, Reference plan) {
        Questionnaire questionnaire = asked.questionnaire();
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setIdentifier(new Identifier().setSystem(PatientBundle.LOCAL_CODES + ":assessment")
            .setValue(asked.assessment().getId()));
        response.setQuestionnaire(QUESTIONNAIRES + questionnaire.id() + "|" + questionnaire.version());
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(patient);
        if (plan != null) {
            response.addBasedOn(plan);
        }
        response.setAuthoredElement(dateTime(asked.assessment().getSubmittedAt()));
        response.setAuthor(patient);
        for (Answer answer : asked.assessment().getAnswers()) {
            Item item = questionnaire.items()
                .stream()
                .filter(i -> i.id().equals(answer.itemId()))
                .findFirst()
                .orElse(null);
            QuestionnaireResponseItemComponent entry = response.addItem()
                .setLinkId(answer.itemId())
                .setText(item == null ? null : item.text());
            entry.addAnswer().setValue(value(answer, item));
            if (answer.wantsToDiscuss()) {
                entry.addItem()
                    .setLinkId(answer.itemId() + ".wants-to-discuss")
                    .setText("Wants to talk about this")
                    .addAnswer()
                    .setValue(new BooleanType(true));
            }
        }
        return response;
    }

    private static Type value(Answer answer, Item item) {
        if (answer.score() != null) {
            return new IntegerType(answer.score());
        }
        if (answer.yes() != null) {
            return new BooleanType(answer.yes());
        }
        if (answer.choice() != null) {
            String display = item == null ? null
                    : item.options()
                        .stream()
                        .filter(option -> option.code().equals(answer.choice()))
                        .map(Questionnaire.Option::display)
                        .findFirst()
                        .orElse(null);
            return new Coding(PatientBundle.LOCAL_CODES + ":questionnaire-option", answer.choice(), display);
        }
        return new StringType(answer.text());
    }

    static org.hl7.fhir.r4.model.Task task(Task task, Reference patient, Reference plan,
            Map<String, NeighbourhoodLead> leads) {
        org.hl7.fhir.r4.model.Task resource = new org.hl7.fhir.r4.model.Task();
        resource.addIdentifier().setSystem(PatientBundle.LOCAL_CODES + ":task").setValue(task.getId());
        resource.setStatus(switch (task.getStatus()) {
            case OPEN -> org.hl7.fhir.r4.model.Task.TaskStatus.REQUESTED;
            case IN_PROGRESS -> org.hl7.fhir.r4.model.Task.TaskStatus.INPROGRESS;
            case DONE -> org.hl7.fhir.r4.model.Task.TaskStatus.COMPLETED;
            case CANCELLED -> org.hl7.fhir.r4.model.Task.TaskStatus.CANCELLED;
        });
        resource.setIntent(org.hl7.fhir.r4.model.Task.TaskIntent.ORDER);
        resource.setPriority(switch (task.getPriority()) {
            case URGENT -> org.hl7.fhir.r4.model.Task.TaskPriority.ASAP;
            case HIGH -> org.hl7.fhir.r4.model.Task.TaskPriority.URGENT;
            case ROUTINE -> org.hl7.fhir.r4.model.Task.TaskPriority.ROUTINE;
        });
        resource.setCode(
                concept(PatientBundle.LOCAL_CODES + ":task-kind", task.getKind().name(), words(task.getKind().name())));
        resource.setDescription(task.getSummary());
        resource.setFor(patient);
        if (plan != null) {
            resource.setFocus(plan);
        }
        resource.setAuthoredOnElement(dateTime(task.getCreatedAt()));
        resource.setLastModifiedElement(dateTime(task.getUpdatedAt()));
        if (task.getDueBy() != null) {
            resource.getRestriction().setPeriod(new Period().setEndElement(dateTime(task.getDueBy())));
        }
        resource.setOwner(owner(task, leads));
        if (task.getRequest() != null) {
            resource.addNote(new Annotation().setText("The patient asked about "
                    + words(task.getRequest().reason().name()).toLowerCase() + ": " + task.getRequest().details()));
        }
        for (TaskChange change : task.getHistory()) {
            resource.addNote(new Annotation().setTime(Date.from(change.at()))
                .setAuthor(new StringType(change.actorName()))
                .setText(change.action() + (change.note() == null ? "" : ": " + change.note())));
        }
        return resource;
    }

    private static Reference owner(Task task, Map<String, NeighbourhoodLead> leads) {
        if (task.getAssignee().leadId() != null) {
            Reference lead = new Reference();
            lead.getIdentifier()
                .setSystem(PatientBundle.LOCAL_CODES + ":neighbourhood-lead")
                .setValue(task.getAssignee().leadId());
            NeighbourhoodLead known = leads.get(task.getAssignee().leadId());
            return known == null ? lead : lead.setDisplay(known.name());
        }
        return FhirValues.organisation(task.getAssignee().organisation());
    }

}
