export function PreviewPanel() {
  return (
    <section className="panel" role="region" aria-label="Preview">
      <h2>Preview</h2>
      <p className="empty">Nothing to preview yet. Export a selection to see its data here.</p>
    </section>
  );
}
