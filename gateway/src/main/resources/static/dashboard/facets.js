// Facets of the catalogue (docs/catalogue.md): one group of checkboxes per facet, each value with its count; the
// counts come from the API with every filter applied but the facet's own. Shared by the keyed and public pages.
'use strict';
const Facets = (() => {
  const NAMES = { type: 'Type of activity', purpose: 'For', topic: 'Topic', region: 'Region', status: 'Status',
    organization: 'Organization', model: 'Model', phase: 'Phase' };

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') node.textContent = value; else node.setAttribute(name, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  /** Draws the facets; {@code selected} maps a facet to the set of its checked values; onChange is called after a click. */
  function render(container, facets, selected, onChange, shown = Object.keys(NAMES)) {
    const groups = [];
    for (const facet of shown) {
      const counts = facets[facet] || {};
      const chosen = selected[facet] || new Set();
      // a checked value stays listed (with 0) even when no entry has it under the other filters
      const values = [...new Set([...Object.keys(counts), ...chosen])];
      if (!values.length) continue;
      const boxes = values.map(value => {
        const id = 'facet-' + facet + '-' + value.replace(/[^A-Za-z0-9_-]/g, '_');
        const box = element('input', { type: 'checkbox', id, 'data-facet': facet, value });
        box.checked = chosen.has(value);
        box.addEventListener('change', () => {
          const set = selected[facet] || (selected[facet] = new Set());
          if (box.checked) set.add(value); else set.delete(value);
          onChange();
        });
        return element('label', { for: id }, box, ' ' + value + ' ', element('span', { class: 'facet-count', text: '(' + (counts[value] || 0) + ')' }));
      });
      groups.push(element('fieldset', { 'data-facet': facet }, element('legend', { text: NAMES[facet] }), ...boxes));
    }
    container.replaceChildren(...groups);
  }

  /** The query string of the selection and free text. */
  function query(selected, q, extra = {}) {
    const params = new URLSearchParams();
    for (const [facet, values] of Object.entries(selected)) for (const value of values) params.append(facet, value);
    if (q) params.set('q', q);
    for (const [name, value] of Object.entries(extra)) params.set(name, value);
    return params.toString();
  }

  return { render, query, element };
})();
