import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *; from gw import kmeans, sinkhorn
def egw_anneal(CA,CB,p,q,T,epss,outer=20):
    c=((CA**2)@p)[:,None]+((CB**2)@q)[None,:]
    for eps in epss:
        for _ in range(outer):
            T=sinkhorn(c-2*CA@T@CB.T,p,q,eps,it=300)
    return T,np.sum((c-2*CA@T@CB.T)*T)
idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2]); K=int(sys.argv[3])
trm,am,bm,te=split(idv,42)
XA=prep(A,trm); XB=prep(B,trm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
rs=np.random.RandomState(0); s=np.where(trm)[0]
CA,p=kmeans(XA[s],K,rs,it=15)
lab=(XA[s]@CA.T).argmax(1)
CBo=l2(np.array([XB[s][lab==k].sum(0) for k in range(K)]))
# shuffle B centroid order so diagonal isn't a trivial answer
perm=rs.permutation(K); CBo=CBo[perm]; q=p[perm]; truth=np.argsort(perm)  # A centroid i <-> B index truth[i]
SA=CA@CA.T; SB=CBo@CBo.T
sigA=np.sort(SA,1); sigB=np.sort(SB,1)
M=((sigA[:,None,:]-sigB[None,:,:])**2).sum(2)
print('signature nn correct',np.mean(M.argmin(1)==truth))
T0=sinkhorn(M/M.std(),p,q,0.05)
print('sig T0 argmax correct',np.mean(T0.argmax(1)==truth))
epss=list(np.geomspace(0.1,0.002,8))
for name,T in [('sig',T0),('uniform',np.outer(p,q))]+[('rand%d'%r,sinkhorn(-np.log(rs.rand(K,K)),p,q,1.0)) for r in range(3)]:
    t=time.time(); T,loss=egw_anneal(SA,SB,p,q,T,epss)
    print(name,'loss %.4f'%loss,'argmax correct',np.mean(T.argmax(1)==truth), '%.1fs'%(time.time()-t),flush=True)
print('--- small-eps GW from T0')
for epss in [[0.01],[0.005],[0.02,0.01,0.005,0.002]]:
    T,loss=egw_anneal(SA,SB,p,q,T0,epss); print(epss,'loss %.4f'%loss,'correct',np.mean(T.argmax(1)==truth))
print('--- Wasserstein-Procrustes from T0')
for eps in [0.02,0.01,0.005]:
    T=T0
    for it in range(50):
        u,s,vt=np.linalg.svd(CA.T@T@CBo); W=u@vt
        T=sinkhorn(-(CA@W)@CBo.T,p,q,eps,it=300)
    print(eps,'correct',np.mean(T.argmax(1)==truth))
