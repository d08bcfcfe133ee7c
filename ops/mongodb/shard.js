// Prepares a sharded MongoDB cluster (4.4 or newer; through mongos) for the personal cancer plan service:
// creates the indexes the service expects (the same names and keys it ensures at start-up) and shards the
// patient-centred collections on the hashed NHS number. Safe to run again: existing indexes and sharded
// collections are left as they are. See SHARDING.md.
//
//   mongosh "mongodb://mongos:27017/cancerplan" ops/mongodb/shard.js
//   mongosh "mongodb://mongos:27017" --eval 'var database = "other"' ops/mongodb/shard.js
const dbName = typeof database === "string" ? database : (db.getName() === "test" ? "cancerplan" : db.getName());
const target = db.getSiblingDB(dbName);

// collection -> { key: shard key, indexes: [[keys, options], ...] }
const collections = {
  patients: {
    key: { nhsNumber: "hashed" },
    indexes: [
      [{ nhsNumber: 1 }, { name: "nhsNumber", unique: true }],
      [{ deathFollowThroughPending: 1 }, { name: "death_follow_through", sparse: true }],
    ],
  },
  cancerPlans: {
    key: { patientNhsNumber: "hashed" },
    indexes: [
      [{ patientNhsNumber: 1, createdAt: -1 }, { name: "patient_created" }],
      [{ patientNhsNumber: 1, openSlot: 1 }, { name: "one_open_plan", unique: true }],
      [{ careOrganisations: 1, "pathway.referralReceivedOn": 1 }, { name: "organisation_referral" }],
      [{ "neighbourhoodLead.leadId": 1, _id: 1 }, { name: "lead_caseload" }],
      [{ outboxPending: 1 }, { name: "outbox_pending", sparse: true }],
      // subscriptions read what changed by it where there are no change streams (not on a cluster)
      [{ updatedAt: 1 }, { name: "updated" }],
    ],
  },
  screeningInvitations: {
    key: { patientNhsNumber: "hashed" },
    indexes: [
      [{ patientNhsNumber: 1, invitedOn: -1, _id: 1 }, { name: "patient_invited" }],
      [{ patientNhsNumber: 1, externalId: 1 }, { name: "patient_external_id", unique: true }],
      [{ externalId: 1 }, { name: "external_id" }],
      [{ programme: 1, invitedOn: 1 }, { name: "uptake" }],
      [{ status: 1, invitedOn: 1 }, { name: "status_invited" }],
      [{ status: 1, respondBy: 1 }, { name: "status_respond_by" }],
      [{ outboxPending: 1 }, { name: "outbox_pending", sparse: true }],
    ],
  },
  auditEvents: {
    // compound: events naming no patient (a refused batch) still spread over chunks by time
    key: { patientNhsNumber: "hashed", at: 1 },
    indexes: [
      [{ patientNhsNumber: 1, at: -1, _id: 1 }, { name: "patient_time" }],
      // the patient's access log: each actor kind but the patient, newest first, merged (explode for sort)
      [{ patientNhsNumber: 1, actorKind: 1, at: -1, _id: 1 }, { name: "patient_actor_time" }],
      [{ at: -1 }, { name: "time" }],
      [{ correlationId: 1 }, { name: "correlationId" }],
    ],
  },
  screeningOptOuts: { key: { _id: "hashed" }, indexes: [] },     // _id is "<NHS number>:<programme>"
  pendingReferrals: { key: { _id: "hashed" }, indexes: [] },     // _id is the NHS number
  // not sharded: small, read across patients
  neighbourhoodLeads: {
    indexes: [
      [{ organisation: 1, neighbourhood: 1, _id: 1 }, { name: "organisation_neighbourhood" }],
      [{ neighbourhood: 1, _id: 1 }, { name: "neighbourhood" }],
      [{ staffId: 1 }, { name: "staffId", unique: true, sparse: true }],
    ],
  },
  // not sharded: worklists and the sweep read them across patients; the report joins them ($lookup) to plans
  tasks: {
    indexes: [
      [{ source: 1 }, { name: "source", unique: true }],
      [{ "assignee.leadId": 1, status: 1, rank: 1, createdAt: 1, _id: 1 }, { name: "lead_worklist" }],
      [{ "assignee.organisation": 1, status: 1, rank: 1, createdAt: 1, _id: 1 }, { name: "organisation_worklist" }],
      [{ planId: 1, status: 1 }, { name: "plan_tasks" }],
      [{ patientNhsNumber: 1, kind: 1, createdAt: -1, _id: 1 }, { name: "patient_kind" }],
      [{ outboxPending: 1 }, { name: "outbox_pending", sparse: true }],
    ],
  },
  assessments: {
    indexes: [
      [{ source: 1 }, { name: "source", unique: true }],
      [{ patientNhsNumber: 1, status: 1, dueBy: 1 }, { name: "patient_status_due" }],
      [{ status: 1, dueBy: 1 }, { name: "status_due" }],
      [{ planId: 1, requestedAt: -1 }, { name: "plan_requested" }],
      [{ followThroughPending: 1 }, { name: "follow_through" }],
      [{ outboxPending: 1 }, { name: "outbox_pending", sparse: true }],
    ],
  },
  messages: {
    indexes: [
      [{ patientNhsNumber: 1, createdAt: -1, _id: 1 }, { name: "inbox" }],
      [{ "relay.state": 1, "relay.notBefore": 1 }, { name: "relay_due" }],
      [{ "relay.reference": 1 }, { name: "gateway_reference" }],
      [{ "relay.earlierReferences": 1 }, { name: "gateway_earlier_reference", sparse: true }],
      [{ "relay.state": 1, createdAt: 1 }, { name: "unsent_age" }],
      [{ updatedAt: 1 }, { name: "updated" }],
    ],
  },
  // one document: whether support paused the relay
  notifyRelay: { indexes: [] },
  deprivationIndex: { indexes: [] },
  idempotencyRecords: { indexes: [[{ expireAt: 1 }, { name: "expireAt_1", expireAfterSeconds: 0 }]] },
};

function existingCollection(name) {
  return target.getCollectionNames().includes(name);
}

const admin = db.getSiblingDB("admin");
const shardingCommand = admin.runCommand({ listShards: 1 });
const sharded = shardingCommand.ok === 1;
if (sharded) {
  // MongoDB 6.0+ no longer needs this; earlier versions do
  const enabled = admin.runCommand({ enableSharding: dbName });
  if (enabled.ok !== 1) {
    print(`enableSharding ${dbName}: ${enabled.errmsg}`);
  }
} else {
  print("Not connected to mongos (listShards failed): creating the indexes only, sharding nothing.");
}

for (const [name, spec] of Object.entries(collections)) {
  if (!existingCollection(name)) {
    target.createCollection(name);
  }
  for (const [keys, options] of spec.indexes) {
    target.getCollection(name).createIndex(keys, options);
  }
  if (sharded && spec.key) {
    const result = admin.runCommand({ shardCollection: `${dbName}.${name}`, key: spec.key });
    if (result.ok === 1) {
      print(`${name}: sharded on ${JSON.stringify(spec.key)}`);
    } else if (result.codeName === "AlreadyInitialized" || /already sharded/.test(result.errmsg || "")) {
      print(`${name}: already sharded`);
    } else {
      throw new Error(`${name}: shardCollection failed: ${result.errmsg}`);
    }
  } else {
    print(`${name}: indexes ensured${spec.key ? "" : " (not sharded)"}`);
  }
}
