// Package identity gives every department a deterministic identity across
// years, wordings and publication levels, and holds the functional-code
// crosswalk data.
//
// A department_id is "d_" followed by the first 16 hex digits of the sha256
// of a canonical key. The key is derived from the document alone (plus the
// alias file), never from what else is in a warehouse, so the same document
// gets the same id in every warehouse, rerun and shard:
//
//   - code:REGION:CODE  when the document publishes a department code and
//     the region is known (a code such as 604 is only unique within one
//     finance bureau);
//   - name:REGION:REST  otherwise, from the normalised name (see Normalize
//     and RegionOf);
//   - placeholder:DOC   for template names (XX局, XXX), which merge with
//     nothing;
//   - alias / split keys from the alias file, applied before hashing.
//
// Names that look alike but resolve to different keys are never merged
// silently: Ambiguities reports them as identity.ambiguous findings so that
// a person can add a merge or split row to the alias file.
package identity
