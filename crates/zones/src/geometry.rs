//! Planar geometry on longitude/latitude: polygons with holes, multipolygons, point-in-polygon
//! (points on an edge count as inside), bounding boxes, and rings that cross the antimeridian
//! (unwrapped to continuous longitudes beyond ±180).

/// A point `[lon, lat]`.
pub type Position = [f64; 2];

/// A polygon: the exterior ring, then holes. Rings are closed (first = last position).
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    pub rings: Vec<Vec<Position>>,
}

/// Bounding box `[min_lon, min_lat, max_lon, max_lat]` in unwrapped longitudes.
pub type BBox = [f64; 4];

/// Longitudes of a ring made continuous: a jump of more than 180° between two vertices means
/// the ring crosses the antimeridian, so later vertices are shifted by ±360°.
pub fn unwrap_ring(ring: &[Position]) -> Vec<Position> {
    let mut out = Vec::with_capacity(ring.len());
    let mut shift = 0.0;
    let mut previous: Option<f64> = None;
    for &[lon, lat] in ring {
        if let Some(p) = previous {
            let d = lon - p;
            if d > 180.0 {
                shift -= 360.0;
            } else if d < -180.0 {
                shift += 360.0;
            }
        }
        previous = Some(lon);
        out.push([lon + shift, lat]);
    }
    out
}

fn on_segment(p: Position, a: Position, b: Position) -> bool {
    let cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    let scale = (b[0] - a[0]).abs() + (b[1] - a[1]).abs();
    if cross.abs() > 1e-12 * scale.max(1.0) {
        return false;
    }
    p[0] >= a[0].min(b[0]) - 1e-12
        && p[0] <= a[0].max(b[0]) + 1e-12
        && p[1] >= a[1].min(b[1]) - 1e-12
        && p[1] <= a[1].max(b[1]) + 1e-12
}

/// Where a point is relative to a ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Inside,
    Boundary,
    Outside,
}

fn ring_side(p: Position, ring: &[Position]) -> Side {
    let mut inside = false;
    let n = ring.len();
    if n < 2 {
        return Side::Outside;
    }
    for i in 0..n - 1 {
        let (a, b) = (ring[i], ring[i + 1]);
        if on_segment(p, a, b) {
            return Side::Boundary;
        }
        if (a[1] > p[1]) != (b[1] > p[1]) {
            let x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
            if p[0] < x {
                inside = !inside;
            }
        }
    }
    if inside {
        Side::Inside
    } else {
        Side::Outside
    }
}

impl Polygon {
    /// Builds a polygon, unwrapping rings that cross the antimeridian.
    pub fn new(rings: Vec<Vec<Position>>) -> Polygon {
        let mut rings: Vec<Vec<Position>> = rings.iter().map(|r| unwrap_ring(r)).collect();
        // Holes must live in the same longitude range as the exterior.
        if let Some(ext_lon) = rings.first().and_then(|r| r.first()).map(|p| p[0]) {
            for hole in rings.iter_mut().skip(1) {
                if let Some(first) = hole.first().map(|p| p[0]) {
                    let shift = ((ext_lon - first) / 360.0).round() * 360.0;
                    for p in hole.iter_mut() {
                        p[0] += shift;
                    }
                }
            }
        }
        Polygon { rings }
    }

    pub fn bbox(&self) -> BBox {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for p in self.rings.first().into_iter().flatten() {
            b[0] = b[0].min(p[0]);
            b[1] = b[1].min(p[1]);
            b[2] = b[2].max(p[0]);
            b[3] = b[3].max(p[1]);
        }
        b
    }

    /// True when `p` is inside or on the boundary (points in a hole are outside; on a hole's
    /// edge, inside). Tries the longitude as given and shifted by ±360° for unwrapped rings.
    pub fn contains(&self, p: Position) -> bool {
        let b = self.bbox();
        [p[0], p[0] + 360.0, p[0] - 360.0].into_iter().any(|lon| {
            if lon < b[0] || lon > b[2] || p[1] < b[1] || p[1] > b[3] {
                return false;
            }
            let q = [lon, p[1]];
            let Some(exterior) = self.rings.first() else {
                return false;
            };
            match ring_side(q, exterior) {
                Side::Outside => false,
                Side::Boundary => true,
                Side::Inside => self
                    .rings
                    .iter()
                    .skip(1)
                    .all(|hole| ring_side(q, hole) != Side::Inside),
            }
        })
    }

    /// Planar area in square degrees (holes subtracted), for overlap shares.
    pub fn area(&self) -> f64 {
        let ring_area = |r: &[Position]| -> f64 {
            r.windows(2)
                .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
                .sum::<f64>()
                .abs()
                / 2.0
        };
        let mut rings = self.rings.iter();
        let outer = rings.next().map_or(0.0, |r| ring_area(r));
        outer - rings.map(|r| ring_area(r)).sum::<f64>()
    }

    pub fn vertex_count(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }
}

/// One or more polygons.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub polygons: Vec<Polygon>,
}

impl Area {
    pub fn contains(&self, p: Position) -> bool {
        self.polygons.iter().any(|poly| poly.contains(p))
    }

    pub fn bbox(&self) -> BBox {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for poly in &self.polygons {
            let pb = poly.bbox();
            b[0] = b[0].min(pb[0]);
            b[1] = b[1].min(pb[1]);
            b[2] = b[2].max(pb[2]);
            b[3] = b[3].max(pb[3]);
        }
        b
    }

    pub fn vertex_count(&self) -> usize {
        self.polygons.iter().map(Polygon::vertex_count).sum()
    }

    /// Share of a disc of `radius_km` around `center` that lies inside the area, estimated on
    /// a grid of sample points (an admin1- or country-level place stands for a region whose
    /// outline Vigie does not have).
    pub fn disc_share(&self, center: Position, radius_km: f64) -> f64 {
        const STEPS: i32 = 12;
        let lat_deg = radius_km / 111.0;
        let lon_deg = radius_km / (111.0 * center[1].to_radians().cos().abs().max(0.05));
        let (mut total, mut inside) = (0u32, 0u32);
        for i in -STEPS..=STEPS {
            for j in -STEPS..=STEPS {
                let (dx, dy) = (
                    f64::from(i) / f64::from(STEPS),
                    f64::from(j) / f64::from(STEPS),
                );
                if dx * dx + dy * dy > 1.0 {
                    continue;
                }
                total += 1;
                let p = [
                    center[0] + dx * lon_deg,
                    (center[1] + dy * lat_deg).clamp(-90.0, 90.0),
                ];
                if self.contains(p) {
                    inside += 1;
                }
            }
        }
        f64::from(inside) / f64::from(total.max(1))
    }
}

/// Segments `a-b` and `c-d` properly intersect or touch (shared endpoints excluded by the
/// caller for adjacent edges).
fn segments_cross(a: Position, b: Position, c: Position, d: Position) -> bool {
    let orient = |p: Position, q: Position, r: Position| -> f64 {
        (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    };
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    (d1 == 0.0 && on_segment(a, c, d))
        || (d2 == 0.0 && on_segment(b, c, d))
        || (d3 == 0.0 && on_segment(c, a, b))
        || (d4 == 0.0 && on_segment(d, a, b))
}

/// The first pair of non-adjacent edges of a closed ring that meet, if any.
pub fn self_intersection(ring: &[Position]) -> Option<(usize, usize)> {
    let n = ring.len();
    if n < 4 {
        return None;
    }
    let edges = n - 1;
    for i in 0..edges {
        for j in i + 1..edges {
            let adjacent = j == i + 1 || (i == 0 && j == edges - 1);
            if adjacent {
                continue;
            }
            if segments_cross(ring[i], ring[i + 1], ring[j], ring[j + 1]) {
                return Some((i, j));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<Position> {
        vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    }

    #[test]
    fn edges_vertices_and_holes() {
        let p = Polygon::new(vec![
            square(0.0, 0.0, 10.0, 10.0),
            square(4.0, 4.0, 6.0, 6.0),
        ]);
        assert!(p.contains([1.0, 1.0]));
        assert!(p.contains([0.0, 5.0]), "on an edge");
        assert!(p.contains([10.0, 10.0]), "on a vertex");
        assert!(!p.contains([5.0, 5.0]), "in the hole");
        assert!(p.contains([4.0, 5.0]), "on the hole's edge");
        assert!(!p.contains([10.5, 5.0]));
        assert!((p.area() - 96.0).abs() < 1e-9);
    }

    #[test]
    fn multipolygons() {
        let a = Area {
            polygons: vec![
                Polygon::new(vec![square(0.0, 0.0, 1.0, 1.0)]),
                Polygon::new(vec![square(5.0, 5.0, 6.0, 6.0)]),
            ],
        };
        assert!(a.contains([0.5, 0.5]) && a.contains([5.5, 5.5]));
        assert!(!a.contains([3.0, 3.0]));
        assert_eq!(a.bbox(), [0.0, 0.0, 6.0, 6.0]);
    }

    #[test]
    fn a_zone_across_the_antimeridian() {
        // Fiji-like box from 177°E to 178°W.
        let p = Polygon::new(vec![vec![
            [177.0, -19.0],
            [-178.0, -19.0],
            [-178.0, -16.0],
            [177.0, -16.0],
            [177.0, -19.0],
        ]]);
        assert!(p.contains([179.5, -17.0]));
        assert!(p.contains([-179.5, -17.0]));
        assert!(!p.contains([175.0, -17.0]));
        assert!(!p.contains([-170.0, -17.0]));
    }

    #[test]
    fn self_intersections_are_found() {
        let bowtie = vec![[0.0, 0.0], [2.0, 2.0], [2.0, 0.0], [0.0, 2.0], [0.0, 0.0]];
        assert!(self_intersection(&bowtie).is_some());
        assert!(self_intersection(&square(0.0, 0.0, 1.0, 1.0)).is_none());
    }

    #[test]
    fn disc_shares() {
        let a = Area {
            polygons: vec![Polygon::new(vec![square(35.0, 35.0, 37.0, 37.0)])],
        };
        assert!(a.disc_share([36.0, 36.0], 30.0) > 0.99);
        let half = a.disc_share([37.0, 36.0], 30.0);
        assert!((0.35..0.65).contains(&half), "{half}");
        assert_eq!(a.disc_share([40.0, 36.0], 30.0), 0.0);
    }

    proptest! {
        #[test]
        fn a_box_contains_exactly_its_points(x in -200.0f64..200.0, y in -100.0f64..100.0) {
            let p = Polygon::new(vec![square(-10.0, -5.0, 20.0, 15.0)]);
            let expected = (-10.0..=20.0).contains(&x) && (-5.0..=15.0).contains(&y);
            prop_assert_eq!(p.contains([x, y]), expected);
        }
    }
}
