"""Request bodies for ops/bench/api.sh, one JSON body a line on stdout (post.lua sends each line once).

  bodies.py one QUERY_OR_FILE VARIABLES_JSON                 one body
  bodies.py register-patients CONTRACT FIRST COUNT [BATCH]    new patients with NHS numbers 999FIRST.. on (BATCH a body)
  bodies.py issue-invitations CONTRACT COHORT PREFIX COUNT [BATCH]   BOWEL invitations PREFIX-0.. for the cohort's patients
  bodies.py create-plan CONTRACT COHORT SKIP FIRST EXTRA      plans for the cohort's patients after the first SKIP (those
                                                              have plans), then for EXTRA patients registered from FIRST
  bodies.py record-result CONTRACT COHORT PREFIX EXTRA        a NORMAL result for each cohort invitation, then PREFIX-0..
  bodies.py register-lead CONTRACT PREFIX COUNT [LIMIT]       leads named PREFIX 0, PREFIX 1, ... (caseload limit 60)
  bodies.py update-plan|record-pathway-event CONTRACT COUNT LEADS_JSON ...
  bodies.py assign-lead CONTRACT COUNT LEADS_JSON LEADS_JSON  each plan of the two leads to the other and back
  bodies.py acknowledge-plan CONTRACT COUNT MYCARE_JSON

The plan changes need each plan's current version: LEADS_JSON are LeadCaseload answers (their plans and versions),
MYCARE_JSON a MyCare answer. Body i changes plan i mod P to version v + i div P, so the requests of a run that reach
one plan are i, i + P, ...: sent one after the other when P is well above the connections.
"""
import csv
import json
import sys
from datetime import date, timedelta

TODAY = date.today()


def body(query_file, variables):
    query = open(query_file).read() if query_file.endswith(".graphql") else query_file
    return json.dumps({"query": query, "variables": variables}, separators=(",", ":"))


def nhs_numbers(first, count):
    """Valid NHS numbers 999xxxxxx + check digit from prefix 999<first> on (modulus 11; prefixes whose check would be
    10 are skipped), as DemoCommands.syntheticNhsNumbers makes them from 0."""
    n = first
    while count > 0:
        prefix = "999%06d" % n
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(prefix)) % 11
        n += 1
        if check != 10:
            count -= 1
            yield prefix + str(check % 11)


def cohort(file):
    with open(file) as rows:
        return [row["nhsNumber"] for row in csv.DictReader(rows)]


def chunks(items, size):
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


def leads_of(answers):
    return [json.load(open(file))["data"]["neighbourhoodLead"] for file in answers]


def plans_of(answers):
    """(plan id, version, lead id) of every plan in the LeadCaseload answers."""
    return [(edge["node"]["id"], edge["node"]["version"], lead["id"])
            for lead in leads_of(answers) for edge in lead["caseload"]["edges"]]


def main(kind, contract, *args):
    c = lambda name: f"{contract}/{name}.graphql"
    if kind == "one":
        yield body(contract, json.loads(args[0]))
    elif kind == "register-patients":
        first, count, batch = int(args[0]), int(args[1]), int(args[2]) if len(args) > 2 else 1
        for numbers in chunks(nhs_numbers(first, count), batch):
            yield body(c("integration/RegisterPatients"), {"input": {"patients": [
                {"nhsNumber": n, "givenName": "Bench", "familyName": "Patient " + n, "dateOfBirth": "1961-04-12",
                 "postcode": "E8 1AB", "lsoaCode": "E01001711", "gpPracticeCode": "F84003"} for n in numbers]}})
    elif kind == "issue-invitations":
        patients, prefix, count = cohort(args[0]), args[1], int(args[2])
        batch = int(args[3]) if len(args) > 3 else 1
        for items in chunks(range(count), batch):
            yield body(c("integration/IssueInvitations"), {"input": {"invitations": [
                {"externalId": f"{prefix}-{i}", "nhsNumber": patients[i % len(patients)], "programme": "BOWEL",
                 "invitedOn": str(TODAY), "respondBy": str(TODAY + timedelta(days=60))} for i in items]}})
    elif kind == "create-plan":
        patients = cohort(args[0])[int(args[1]):] + list(nhs_numbers(int(args[2]), int(args[3])))
        for n in patients:
            yield body(c("staff/CreatePlan"), {"input": {"nhsNumber": n, "diagnosis": {
                "cancerTypeCode": "C18.7", "stage": "2", "diagnosedOn": str(TODAY - timedelta(days=30))},
                "referralReceivedOn": str(TODAY - timedelta(days=60))}})
    elif kind == "record-result":
        ids = [f"DEMO-BOWEL-{i}" for i in range(len(cohort(args[0])))] + [f"{args[1]}-{i}" for i in range(int(args[2]))]
        for external_id in ids:
            yield body(c("integration/RecordResult"), {"input": {
                "externalId": external_id, "outcome": "NORMAL", "recordedOn": str(TODAY)}})
    elif kind == "register-lead":
        limit = int(args[2]) if len(args) > 2 else 60
        for i in range(int(args[1])):
            yield body(c("staff/RegisterLead"), {"input": {
                "name": f"{args[0]} {i}", "role": "Cancer care coordinator", "organisation": "Y01234",
                "neighbourhood": args[0], "caseloadLimit": limit,
                "contact": {"phone": "020 7946 0000", "email": f"bench.lead.{i}@example.nhs.uk"}}})
    elif kind in ("update-plan", "record-pathway-event", "assign-lead"):
        count, plans = int(args[0]), plans_of(args[1:])
        leads = [lead["id"] for lead in leads_of(args[1:])]
        for i in range(count):
            plan_id, version, lead = plans[i % len(plans)]
            change = {"planId": plan_id, "expectedVersion": version + i // len(plans)}
            if kind == "update-plan":
                yield body(c("staff/UpdatePlan"), {"input": {**change, "status": "ACTIVE",
                    "needs": [{"domain": "MENTAL_HEALTH", "concern": "Worry about treatment", "severity": 7},
                              {"domain": "SOCIAL", "concern": "Travel to appointments", "severity": 5}],
                    "goals": [{"description": "Walk 20 minutes a day", "dueDate": str(TODAY + timedelta(days=90))}],
                    "treatments": [{"modality": "SURGERY", "intent": "CURATIVE",
                                    "startDate": str(TODAY - timedelta(days=10))}]}})
            elif kind == "record-pathway-event":
                yield body(c("staff/RecordPathwayEvent"), {"input": {**change, "event": "DIAGNOSIS_COMMUNICATED",
                                                                     "on": str(TODAY - timedelta(days=10))}})
            else:  # to the other lead in even rounds, back in odd ones
                other = leads[1 - leads.index(lead)]
                yield body(c("staff/AssignLead"), {"input": {**change, "leadId": other if i // len(plans) % 2 == 0
                                                             else lead, "reason": "Caseload balancing"}})
    elif kind == "acknowledge-plan":
        plan = json.load(open(args[1]))["data"]["me"]["cancerPlan"]
        for i in range(int(args[0])):
            yield body(c("patient-app/AcknowledgePlan"), {"input": {"planId": plan["id"],
                                                                   "expectedVersion": plan["version"] + i}})
    else:
        sys.exit(f"unknown kind {kind}")


if __name__ == "__main__":
    for line in main(*sys.argv[1:]):
        print(line)
