export function SelectionPanel() {
  return (
    <section className="panel" aria-labelledby="selection-title">
      <h2 id="selection-title">Selection</h2>
      <p className="empty">No signals selected. Add signals from the tree to export them.</p>
    </section>
  );
}
