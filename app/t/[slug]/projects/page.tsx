import type { Metadata } from 'next'
import { Card } from '@/app/_components/ui'
import * as projects from '@/modules/projects'
import { tenantPage } from '@/app/_lib/tenant-page'
import { can } from '@/modules/users'
import { CreateProjectForm, ProjectRowActions } from './project-forms'

export const metadata: Metadata = { title: 'Projects' }

export default async function ProjectsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const { ctx } = await tenantPage(slug)
  const page = await projects.listProjects(ctx, { status: 'active', limit: 100 })
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Projects</h1>
      <Card>
        <CreateProjectForm tenant={slug} billingHref={can(ctx.role, 'billing.manage') ? `/t/${slug}/billing` : null} />
      </Card>
      {page.items.length === 0 ? (
        <p className="text-slate-600">No projects yet. Create the first one above.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Projects">
          {page.items.map((project) => (
            <li key={project.id} className="flex items-center justify-between gap-4 px-4 py-3">
              <div>
                <p className="font-medium">{project.name}</p>
                <p className="text-sm text-slate-500">
                  Created {new Date(project.createdAt).toLocaleDateString('en', { dateStyle: 'medium' })}
                  {project.createdBy ? ` by ${project.createdBy.name ?? project.createdBy.email}` : ''}
                </p>
              </div>
              <ProjectRowActions tenant={slug} id={project.id} name={project.name} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
