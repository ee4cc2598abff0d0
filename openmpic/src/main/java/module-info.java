/**
 * DV Inspector on Open MPIC: remote perspectives served by an Open MPIC coordinator ({@link
 * org.dvinspector.openmpic.OpenMpicCoordinator}).
 */
module org.dvinspector.openmpic {
  requires transitive org.dvinspector;
  requires transitive okhttp3;
  requires com.fasterxml.jackson.databind;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.openmpic;
}
