package org.cancerplan.local;

/**
 * What the local mode prints once it is ready: where to go and how to get a demo token
 * for each kind of user.
 */
final class LocalBanner {

    private LocalBanner() {
    }

    static String text(String base) {
        StringBuilder text = new StringBuilder()
            .append("\n==================== Personal cancer plan service: local mode ====================\n")
            .append("GraphQL  : ")
            .append(base)
            .append("/graphql\n")
            .append("GraphiQL : ")
            .append(base)
            .append("/graphiql  (add the header Authorization: Bearer <token>)\n")
            .append("Demo tokens, one command per identity (browser sign-in: same names, password \"")
            .append(DemoIdentity.PASSWORD)
            .append("\"):\n");
        for (DemoIdentity identity : DemoIdentity.ALL) {
            text.append("  # ")
                .append(identity.kind().name().toLowerCase())
                .append(": ")
                .append(identity.description())
                .append('\n')
                .append("  ")
                .append(tokenCommand(base, identity))
                .append('\n');
        }
        text.append("Then, e.g.: curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' ")
            .append("-d '{\"query\":\"{ me { nhsNumber givenName familyName } }\"}' ")
            .append(base)
            .append("/graphql\n")
            .append("==================================================================================\n");
        return text.toString();
    }

    static String tokenCommand(String base, DemoIdentity identity) {
        return "TOKEN=$(curl -s -u " + identity.id() + ":" + identity.clientSecret()
                + " -d grant_type=client_credentials " + scopeParameter(identity) + base + identity.issuerPath()
                + "/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";
    }

    private static String scopeParameter(DemoIdentity identity) {
        return identity.scopes().isEmpty() ? ""
                : "-d 'scope=" + String.join(" ", identity.scopes().stream().sorted().toList()) + "' ";
    }

}
