package dev.debrief.acs;

/** Where a catalog row came from: the catalog built into the service, or the operator's file. */
enum CatalogSource {
    BUNDLED("bundled"),
    OPERATOR("operator");

    private final String wireName;

    CatalogSource(String wireName) {
        this.wireName = wireName;
    }

    /** The value stored in acs_codes.source and shown by the API. */
    String wireName() {
        return wireName;
    }

    static CatalogSource ofWireName(String value) {
        for (CatalogSource source : values()) {
            if (source.wireName.equals(value)) {
                return source;
            }
        }
        throw new IllegalArgumentException("not a catalog source: " + value);
    }
}
