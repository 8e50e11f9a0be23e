export function BrowsePanel() {
  return (
    <section className="panel" aria-labelledby="browse-title">
      <h2 id="browse-title">Browse</h2>
      <p className="empty">No connection yet. Signals will appear here once a connection is chosen.</p>
    </section>
  );
}
