/**
 * One uPlot chart: bars or lines over labelled points (days, hours). This file and uPlot are a chunk
 * of their own, fetched when the Analytics page first draws a chart, so the first load stays small.
 * A click on the plot picks the point under the cursor (the page links it to the calls behind it).
 */
import { onCleanup, onMount } from 'solid-js'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface ChartSeries {
  label: string
  values: number[]
  color: string
  /** Bars (the default) or a line. */
  kind?: 'bars' | 'line'
  /** Bar width as a share of the slot, so two bar series can overlay (wide behind narrow). */
  width?: number
}

export default function AnalyticsChart(props: {
  labels: string[]
  series: ChartSeries[]
  onPick: (index: number) => void
  height?: number
  title: string
}) {
  let box!: HTMLDivElement
  let plot: uPlot | undefined
  onMount(() => {
    const xs = props.labels.map((_, i) => i)
    const opts: uPlot.Options = {
      width: Math.max(280, box.clientWidth),
      height: props.height ?? 220,
      title: undefined,
      legend: { show: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, range: [-0.6, xs.length - 0.4] } },
      axes: [
        {
          values: (_u, ticks) => ticks.map((t) => props.labels[t] ?? ''),
          incrs: [1, 2, 5, 7, 14, 30],
          gap: 4,
          size: 36,
        },
        { size: 44 },
      ],
      series: [
        { label: 'point', value: (_u, i) => props.labels[i] ?? '' },
        ...props.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: s.kind === 'line' ? undefined : s.color,
          width: s.kind === 'line' ? 2 : 0,
          paths: s.kind === 'line' ? undefined : uPlot.paths.bars!({ size: [s.width ?? 0.7, 60] }),
          points: { show: false },
        })),
      ],
    }
    plot = new uPlot(opts, [xs, ...props.series.map((s) => s.values)], box)
    plot.over.style.cursor = 'pointer'
    plot.over.addEventListener('click', () => {
      const i = plot?.cursor.idx
      if (i !== null && i !== undefined) props.onPick(i)
    })
    const resize = new ResizeObserver(() =>
      plot?.setSize({ width: Math.max(280, box.clientWidth), height: props.height ?? 220 }),
    )
    resize.observe(box)
    onCleanup(() => resize.disconnect())
  })
  onCleanup(() => plot?.destroy())
  return <div class="chart" ref={box} role="img" aria-label={props.title} />
}
