// The drawing surface over the fullscreen image: crop rectangle, shapes (rectangle, ellipse, arrow, freehand),
// each shape either an annotation or a marked area for editing. Everything is kept in fractions of the image.
import { rectFraction, frac } from './logic.js';

export function createEditor(canvas, img, onChange) {
  const ctx = canvas.getContext('2d');
  let tool = 'none', mark = false, shapes = [], crop = null, drag = null;

  function fit() {
    const r = img.getBoundingClientRect(), p = canvas.parentElement.getBoundingClientRect();
    canvas.style.left = `${r.left - p.left}px`; canvas.style.top = `${r.top - p.top}px`;
    canvas.width = Math.max(1, Math.round(r.width)); canvas.height = Math.max(1, Math.round(r.height));
    canvas.style.width = `${r.width}px`; canvas.style.height = `${r.height}px`;
    draw();
  }

  function pos(e) {
    const r = canvas.getBoundingClientRect();
    return [Math.min(Math.max(e.clientX - r.left, 0), r.width), Math.min(Math.max(e.clientY - r.top, 0), r.height)];
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (tool === 'none') return;
    canvas.setPointerCapture(e.pointerId);
    const [x, y] = pos(e);
    drag = { x0: x, y0: y, x1: x, y1: y, points: [[x, y]] };
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const [x, y] = pos(e);
    drag.x1 = x; drag.y1 = y; drag.points.push([x, y]);
    draw();
  });
  canvas.addEventListener('pointerup', () => {
    if (!drag) return;
    const w = canvas.width, h = canvas.height, d = drag;
    drag = null;
    if (Math.abs(d.x1 - d.x0) < 3 && Math.abs(d.y1 - d.y0) < 3 && tool !== 'free') { draw(); return; }
    if (tool === 'crop') {
      crop = rectFraction(d.x0, d.y0, d.x1, d.y1, w, h);
    } else if (tool === 'rect' || tool === 'ellipse') {
      shapes.push({ type: tool, mark, ...rectFraction(d.x0, d.y0, d.x1, d.y1, w, h) });
    } else if (tool === 'arrow') {
      shapes.push({ type: 'arrow', mark: false, from: [frac(d.x0 / w), frac(d.y0 / h)], to: [frac(d.x1 / w), frac(d.y1 / h)] });
    } else if (tool === 'free' && d.points.length > 1) {
      shapes.push({ type: 'free', mark, width: 0.03, points: d.points.map(([x, y]) => [frac(x / w), frac(y / h)]) });
    }
    draw(); onChange();
  });

  function paint(g, w, h, s) {
    g.lineWidth = Math.max(2, w / 300);
    g.strokeStyle = s.mark ? 'rgba(255,60,60,0.95)' : 'rgba(255,214,0,0.95)';
    g.fillStyle = s.mark ? 'rgba(255,60,60,0.35)' : 'transparent';
    g.beginPath();
    if (s.type === 'rect') { g.rect(s.x * w, s.y * h, s.w * w, s.h * h); }
    else if (s.type === 'ellipse') { g.ellipse((s.x + s.w / 2) * w, (s.y + s.h / 2) * h, s.w * w / 2, s.h * h / 2, 0, 0, Math.PI * 2); }
    else if (s.type === 'arrow') {
      const [ax, ay] = [s.from[0] * w, s.from[1] * h], [bx, by] = [s.to[0] * w, s.to[1] * h];
      const a = Math.atan2(by - ay, bx - ax), head = Math.max(10, w / 40);
      g.moveTo(ax, ay); g.lineTo(bx, by);
      g.moveTo(bx, by); g.lineTo(bx - head * Math.cos(a - 0.4), by - head * Math.sin(a - 0.4));
      g.moveTo(bx, by); g.lineTo(bx - head * Math.cos(a + 0.4), by - head * Math.sin(a + 0.4));
    } else if (s.type === 'free') {
      g.lineWidth = s.mark ? s.width * Math.min(w, h) : g.lineWidth; g.lineCap = 'round'; g.lineJoin = 'round';
      if (s.mark) g.strokeStyle = 'rgba(255,60,60,0.5)';
      s.points.forEach(([x, y], i) => (i ? g.lineTo(x * w, y * h) : g.moveTo(x * w, y * h)));
    }
    if (s.mark && s.type !== 'free') g.fill();
    g.stroke();
  }

  function draw() {
    const w = canvas.width, h = canvas.height;
    ctx.clearRect(0, 0, w, h);
    for (const s of shapes) paint(ctx, w, h, s);
    const live = drag && { x: Math.min(drag.x0, drag.x1) / w, y: Math.min(drag.y0, drag.y1) / h,
      w: Math.abs(drag.x1 - drag.x0) / w, h: Math.abs(drag.y1 - drag.y0) / h };
    const c = drag && tool === 'crop' ? live : crop;
    if (c) {
      ctx.fillStyle = 'rgba(0,0,0,0.55)';
      ctx.fillRect(0, 0, w, h);
      ctx.clearRect(c.x * w, c.y * h, c.w * w, c.h * h);
      ctx.strokeStyle = '#fff'; ctx.setLineDash([6, 4]); ctx.lineWidth = 2;
      ctx.strokeRect(c.x * w, c.y * h, c.w * w, c.h * h); ctx.setLineDash([]);
    }
    if (drag && tool !== 'crop') {
      if (tool === 'free') paint(ctx, w, h, { type: 'free', mark, width: 0.03, points: drag.points.map(([x, y]) => [x / w, y / h]) });
      else if (tool === 'arrow') paint(ctx, w, h, { type: 'arrow', from: [drag.x0 / w, drag.y0 / h], to: [drag.x1 / w, drag.y1 / h] });
      else paint(ctx, w, h, { type: tool, mark, ...live });
    }
  }

  /** The image with the annotations burnt in, as a PNG blob at the displayed image's natural size. */
  function exportAnnotated() {
    const w = img.naturalWidth, h = img.naturalHeight;
    const c = document.createElement('canvas'); c.width = w; c.height = h;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0, w, h);
    for (const s of shapes) paint(g, w, h, s);
    return new Promise((resolve) => c.toBlob(resolve, 'image/png'));
  }

  new ResizeObserver(fit).observe(canvas.parentElement);
  img.addEventListener('load', fit);
  return {
    setTool(t) { tool = t; canvas.classList.toggle('active', t !== 'none'); },
    setMark(m) { mark = m; },
    shapes: () => shapes,
    crop: () => crop,
    /** For keyboard users and tests: set the crop rectangle directly, in fractions. */
    setCrop(r) { crop = r; draw(); onChange(); },
    addShape(s) { shapes.push(s); draw(); onChange(); },
    clear() { shapes = []; crop = null; draw(); onChange(); },
    fit, exportAnnotated,
  };
}
