// Initiates the three-member replica set of ops/compose.yaml, once, and waits for a primary.
// mongosh --host mongo1 --quiet --file ops/mongodb/replica-set.js   (safe to run again)
const members = ['mongo1:27017', 'mongo2:27017', 'mongo3:27017'];

let initiated = true;
try {
  rs.status();
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  initiated = false;
}
if (!initiated) {
  rs.initiate({
    _id: 'rs0',
    members: members.map((host, i) => ({ _id: i, host: host, priority: i === 0 ? 2 : 1 })),
  });
  print('replica set rs0 initiated: ' + members.join(', '));
}

for (let waited = 0; !db.hello().isWritablePrimary && !db.hello().primary; waited++) {
  if (waited === 60) {
    throw new Error('no primary elected after 60 s');
  }
  sleep(1000);
}
print('replica set rs0 has a primary: ' + db.hello().primary);
